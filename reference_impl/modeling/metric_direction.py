"""Which way each holdout metric improves: the one table the gate's comparisons read."""

from __future__ import annotations

from typing import Literal

Direction = Literal["higher", "lower"]

LOWER_IS_BETTER = frozenset({"log_loss", "brier", "rmse", "mae"})
"""Error metrics: a model improves when they fall."""


def direction_of(metric: str) -> Direction:
    """Whether a higher or a lower value of ``metric`` is better.

    Args:
        metric: A holdout metric name, e.g. ``roc_auc`` or ``log_loss``.

    Returns:
        ``lower`` for the error metrics in :data:`LOWER_IS_BETTER`, else ``higher``.
    """
    return "lower" if metric in LOWER_IS_BETTER else "higher"


# --8<-- [start:gain]
def gain(metric: str, new: float, old: float) -> float:
    """How much better ``new`` is than ``old``: positive when it improved, in either direction.

    Args:
        metric: The metric both values are of.
        new: The challenger's value.
        old: The champion's value.

    Returns:
        ``new - old`` for a higher-is-better metric, ``old - new`` for an error metric.
    """
    return old - new if direction_of(metric) == "lower" else new - old
    # --8<-- [end:gain]
