"""Fairness of the decisions across the contract's segment, measured with fairlearn.

The gate already limits the recall gap between segments; this report gives the reviewer the
whole picture behind that one number: per group, how many customers are flagged, how many of
the real positives are found, how many negatives are flagged by mistake, and fairlearn's
summary differences. fairlearn computes the rates, so the figures do not depend on our own code.

fairlearn is given each distinct (group, label, decision) once, weighted by the number of rows
that have it: at most four weighted rows per group, whatever the holdout's size. The rates are
the same numbers as from every row (whole-number weights keep scikit-learn's confusion counts
exact); fairlearn 0.15 copies each column element by element for every metric and group, which
took 2.5 s of ``review`` at a million rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

# fairlearn metric → the name in the report (what a reviewer reads).
GROUP_RATES = {
    "selection_rate": "flagged_rate",
    "true_positive_rate": "recall",
    "false_positive_rate": "false_positive_rate",
}


def decision_cells(
    y_true: Sequence[int], predicted: Sequence[int], groups: Sequence[str]
) -> pd.DataFrame:
    """Each distinct combination of group, label and decision once, with its number of rows.

    Args:
        y_true: Labels (0/1).
        predicted: Decisions (0/1).
        groups: The sensitive feature's value for each row.

    Returns:
        Columns ``group``, ``label``, ``decided`` and ``rows`` (how many rows have them).
    """
    import numpy as np
    import pandas as pd

    rows = pd.DataFrame(
        {"group": np.asarray(groups), "label": np.asarray(y_true), "decided": np.asarray(predicted)}
    )
    return rows.value_counts(dropna=False, sort=False).reset_index(name="rows")


def fairness_report(
    y_true: Sequence[int],
    predicted: Sequence[int],
    groups: Sequence[str],
    *,
    sensitive_feature: str,
    limit: float,
) -> dict[str, Any]:
    """Per-group decision metrics and their largest differences.

    Args:
        y_true: Labels (0/1).
        predicted: Decisions at the model's threshold (0/1).
        groups: The sensitive feature's value for each row.
        sensitive_feature: Its column name, stated in the report.
        limit: The agreed largest recall difference between groups (the gate's rule).

    Returns:
        ``sensitive_feature``, ``groups`` (one record per group, sorted), fairlearn's
        ``demographic_parity_difference``, ``equal_opportunity_difference`` (recall) and
        ``equalized_odds_difference``, the ``limit`` and ``within_limit``.
    """
    import fairlearn.metrics as fm

    cells = decision_cells(y_true, predicted, groups)
    weights = {"sample_weight": cells["rows"].to_numpy()}
    frame = fm.MetricFrame(
        metrics={name: getattr(fm, name) for name in GROUP_RATES},
        y_true=cells["label"].to_numpy(),
        y_pred=cells["decided"].to_numpy(),
        sensitive_features=cells["group"].to_numpy(),
        sample_params={name: weights for name in GROUP_RATES},
    )
    sizes = cells.groupby("group", dropna=False)["rows"].sum()
    # recall is undefined in a group with no positive row, the false positive rate in one with
    # no negative row: fairlearn reports 0.0 for them, which would open a gap no model can close
    having = {label: set(cells.loc[cells["label"] == label, "group"]) for label in (0, 1)}
    defined = {
        "flagged_rate": set(sizes.index),
        "recall": having[1],
        "false_positive_rate": having[0],
    }
    records = [
        {"group": str(group), "rows": float(sizes[group]),
         **{GROUP_RATES[k]: float(v) if group in defined[GROUP_RATES[k]] else None
            for k, v in row.items()}}
        for group, row in frame.by_group.sort_index().iterrows()
    ]  # fmt: skip
    # fairlearn's summary functions are these differences between the groups' rates (checked
    # against demographic_parity_difference and equalized_odds_difference in
    # tests/reference_impl/lifecycle/test_review_evidence.py), over the groups where each
    # rate is defined
    opportunity = _spread(records, "recall")
    return {
        "sensitive_feature": sensitive_feature,
        "groups": records,
        "demographic_parity_difference": _spread(records, "flagged_rate"),
        "equal_opportunity_difference": opportunity,
        "equalized_odds_difference": max(opportunity, _spread(records, "false_positive_rate")),
        "limit": limit,
        "within_limit": opportunity <= limit,
    }


def _spread(records: Sequence[dict[str, Any]], name: str) -> float:
    """Largest minus smallest ``name`` over the groups where it is defined (``0.0`` below two)."""
    values = [record[name] for record in records if record[name] is not None]
    return float(max(values) - min(values)) if len(values) > 1 else 0.0


def no_segment_report(
    limit: float, task: str = "binary", segment: str | None = None
) -> dict[str, Any]:
    """The fairness report when no groups of decisions are compared, with the reason.

    fairlearn's decision metrics here need binary decisions and a segment; a multi-class or
    regression model's per-segment figures are in the evaluation's ``segments.json`` (and on
    the model card) and limited by the gate's segment rule.

    Args:
        limit: The agreed largest recall difference between groups (kept for the reviewer).
        task: The contract's task.
        segment: The contract's segment, if it names one.

    Returns:
        ``sensitive_feature`` ``None``, no ``groups``, and ``within_limit`` ``True`` with the
        reason in ``note`` and, as the ``review`` step prints it, in ``summary``.
    """
    if segment is None:
        note = (
            "the data contract names no segment, so no groups were compared; add "
            "segment: <category feature> to the contract to measure one"
        )
        summary = "no segment in the contract, no groups compared"
    else:
        note = (
            f"a {task} model makes no yes/no decisions for fairlearn to compare; its "
            f"per-{segment} figures are on the model card and in segments.json of the evaluation"
        )
        summary = f"per-{segment} figures on the model card (fairlearn compares yes/no decisions)"
    return {
        "sensitive_feature": None,
        "groups": [],
        "limit": limit,
        "within_limit": True,
        "note": note,
        "summary": summary,
    }
