"""The ``task`` answer: a project generated for regression trains a number from its first run.

The reference project's sample is binary (will a customer cancel?). A project answered
``task: regression`` gets, from the same sample table, a contract whose label is the monthly
bill, and environment files that fit a regressor and gate on RMSE. The lifecycle tests keep
the binary sample they were written for: in every project, whatever its task, the reference
configuration is also exported to ``tests/sample_config/``, which the tests' ``conftest.py``
reads instead of ``config/``; a team's own contract and settings in ``config/`` then never
break them.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

REGRESSION = "task == 'regression'"
CONFIG_FILES = frozenset({"contract.yaml", "dev.yaml", "test.yaml", "prod.yaml"})
"""Files of ``reference_impl/config/`` whose text the task changes."""
SAMPLE_CONFIG = "sample_config"

_CANCELLED = """  - name: cancelled
    kind: integer
    minimum: 0
    maximum: 1
    description: 1 if the customer cancelled in the period, else 0
"""
# (pattern, replacement): each must match once, so a change to the reference files that the
# regression variant no longer fits stops the export instead of passing silently.
_CONTRACT = [
    (r"^task: binary( +#)", r"task: regression\1"),
    (r"^label: cancelled$", "label: monthly_charges   # the monthly bill in EUR"),
    (r"^  - name: monthly_charges\n(    .*\n)+", _CANCELLED),
]
_ENVIRONMENT = [
    (r"HistGradientBoostingClassifier", "HistGradientBoostingRegressor"),
    (r"^  metric: roc_auc$", "  metric: rmse"),
    (r"^  direction: higher .*$", "  direction: lower   # rmse is an error: lower is better"),
    (r"^  min_roc_auc: .*$", "  min_r2: 0.5"),
    (r"^  min_recall: .*\n", ""),
    (r"^  max_segment_recall_gap: .*$", "  max_segment_error_ratio: 2.0"),
]


def is_task_file(rel: PurePosixPath) -> bool:
    """Whether the task answer changes this file of the reference package.

    Args:
        rel: Path relative to ``reference_impl/``.

    Returns:
        True for the data contract and the environment files.
    """
    return rel.parent == PurePosixPath("config") and rel.name in CONFIG_FILES


def as_regression(name: str, text: str) -> str:
    """The regression variant of a configuration file.

    Args:
        name: File name (``contract.yaml`` or ``<env>.yaml``).
        text: The reference file's text.

    Returns:
        The text with the regression label, estimator and gate.

    Raises:
        ValueError: If a rule no longer matches the reference text exactly once.
    """
    rules = _CONTRACT if name == "contract.yaml" else _ENVIRONMENT
    for pattern, replacement in rules:
        text, count = re.subn(pattern, replacement, text, flags=re.M)
        if count != 1:
            raise ValueError(f"{name}: {pattern!r} matched {count} times, expected once")
    return text
