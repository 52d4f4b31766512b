"""Holdout metrics per task: binary, multi-class and regression, overall and per segment.

A model's *scores* are what it outputs before any decision: the positive-class probability
(binary), one probability per class in the model's class order (multi-class), or the
predicted value (regression). Every step reads the same functions, so the metrics of the
evaluation, the gate, the model card and the summary cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from reference_impl.contract import DataContract
from reference_impl.modeling.metrics import (
    classification_metrics,
    recall_gap,
    segment_metrics,
)

SUMMARY_METRICS: dict[str, tuple[str, ...]] = {
    "binary": ("roc_auc", "pr_auc", "f1", "recall"),
    "multiclass": ("accuracy", "macro_f1", "recall", "log_loss"),
    "regression": ("rmse", "mae", "r2"),
}
"""The metrics a training summary prints, per task."""

TASK_METRICS: dict[str, frozenset[str]] = {
    "binary": frozenset({"roc_auc", "pr_auc", "f1", "log_loss", "brier"}),
    "multiclass": frozenset({"roc_auc", "accuracy", "macro_f1", "log_loss"}),
    "regression": frozenset({"rmse", "mae", "r2"}),
}
"""The metrics ``gate.metric`` may name, per task."""

TRAIN_METRIC = {"binary": "roc_auc", "multiclass": "accuracy", "regression": "r2"}
"""The metric logged on the training rows, per task."""


def decisions(contract: DataContract, scores: Any, threshold: float, classes: Sequence[str]) -> Any:
    """Turn scores into decisions: 0/1 at the threshold, the likeliest class, or the value.

    Args:
        contract: The data contract (its task).
        scores: The model's scores (see the module docstring).
        threshold: Decision threshold (binary only).
        classes: The model's classes, in the order of its probability columns (multi-class).

    Returns:
        A 1-D array.
    """
    values = np.asarray(scores)
    if contract.task == "binary":
        return (values >= threshold).astype(int)
    if contract.task == "multiclass":
        return np.asarray(classes)[values.argmax(axis=1)]
    return values


# --8<-- [start:holdout-metrics]
def holdout_metrics(
    contract: DataContract,
    y_true: Sequence[Any],
    scores: Any,
    threshold: float,
    classes: Sequence[str] = (),
) -> dict[str, float]:
    """The holdout metrics of the contract's task.

    Args:
        contract: The data contract (its task).
        y_true: The labels.
        scores: The model's scores on the same rows.
        threshold: Decision threshold (binary only).
        classes: The model's classes, in the order of its probability columns (multi-class).

    Returns:
        Binary: see :func:`~reference_impl.modeling.metrics.classification_metrics`.
        Multi-class: ``accuracy``, ``macro_f1``, ``recall`` (macro), ``roc_auc`` (one
        against the rest, macro) and ``log_loss``. Regression: ``rmse``, ``mae`` and ``r2``.
        Always ``rows``.
    """
    from sklearn import metrics as m

    if contract.task == "binary":
        return classification_metrics(y_true, scores, threshold)
    rows = {"rows": float(len(y_true))}
    if contract.task == "multiclass":
        y = np.asarray(y_true).astype(str)
        p = np.asarray(scores)
        predicted = decisions(contract, p, threshold, classes)
        return {
            "accuracy": float(m.accuracy_score(y, predicted)),
            "macro_f1": float(m.f1_score(y, predicted, average="macro", zero_division=0)),
            "recall": float(m.recall_score(y, predicted, average="macro", zero_division=0)),
            "roc_auc": float(m.roc_auc_score(y, p, multi_class="ovr", labels=list(classes))),
            "log_loss": float(m.log_loss(y, p, labels=list(classes))),
            **rows,
        }
    y, predicted = np.asarray(y_true, dtype=float), np.asarray(scores, dtype=float)
    return {
        "rmse": float(np.sqrt(m.mean_squared_error(y, predicted))),
        "mae": float(m.mean_absolute_error(y, predicted)),
        "r2": float(m.r2_score(y, predicted)),
        **rows,
    }
    # --8<-- [end:holdout-metrics]


def task_score(
    contract: DataContract,
    y_true: Sequence[Any],
    scores: Any,
    threshold: float,
    classes: Sequence[str] = (),
) -> float:
    """The task's one score, :data:`TRAIN_METRIC`, computed alone.

    The same value as that entry of :func:`holdout_metrics`, without the other metrics: the
    training score and every shuffle of the permutation importance need only this one
    (computing all of them took 1 s of a local ``train``).

    Args:
        contract: The data contract (its task).
        y_true: The labels.
        scores: The model's scores on the same rows.
        threshold: Decision threshold (binary: unused by ROC AUC).
        classes: The model's classes, in the order of its probability columns (multi-class).

    Returns:
        ROC AUC (binary), accuracy (multi-class) or R² (regression).
    """
    from sklearn import metrics as m

    if contract.task == "binary":
        return float(m.roc_auc_score(np.asarray(y_true), np.asarray(scores)))
    if contract.task == "multiclass":
        predicted = decisions(contract, np.asarray(scores), threshold, classes)
        return float(m.accuracy_score(np.asarray(y_true).astype(str), predicted))
    return float(m.r2_score(np.asarray(y_true, dtype=float), np.asarray(scores, dtype=float)))


def segment_records(
    contract: DataContract,
    y_true: Sequence[Any],
    scores: Any,
    segments: Sequence[str],
    threshold: float,
    classes: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Metrics per segment value: recall for classification, errors for regression.

    Args:
        contract: The data contract (its task).
        y_true: The labels.
        scores: The model's scores.
        segments: The segment value of each row.
        threshold: Decision threshold (binary only).
        classes: The model's classes (multi-class).

    Returns:
        One record per segment, sorted by name, with ``segment`` and ``rows``; binary: see
        :func:`~reference_impl.modeling.metrics.segment_metrics`; multi-class: ``accuracy``
        and ``recall`` (macro); regression: ``mae`` and ``rmse``.
    """
    if contract.task == "binary":
        return segment_metrics(y_true, scores, segments, threshold)
    y, p, s = np.asarray(y_true), np.asarray(scores), np.asarray(segments)
    records = []
    for value in sorted(set(s.tolist())):
        mask = s == value
        records.append(
            {"segment": str(value), "rows": int(mask.sum()),
             **_segment_figures(contract, y[mask], p[mask], threshold, classes)}
        )  # fmt: skip
    return records


def _segment_figures(
    contract: DataContract, y: Any, scores: Any, threshold: float, classes: Sequence[str]
) -> dict[str, float]:
    from sklearn import metrics as m

    if contract.task == "multiclass":  # a segment may lack a class: no ROC AUC or log loss
        truth = y.astype(str)
        predicted = decisions(contract, scores, threshold, classes)
        present = sorted(set(truth.tolist()))  # a class absent here has no recall to average
        recall = m.recall_score(truth, predicted, labels=present, average="macro")
        return {"accuracy": float(m.accuracy_score(truth, predicted)), "recall": float(recall)}
    truth, predicted = y.astype(float), scores.astype(float)
    return {
        "mae": float(m.mean_absolute_error(truth, predicted)),
        "rmse": float(np.sqrt(m.mean_squared_error(truth, predicted))),
    }


def segment_rule(contract: DataContract, records: Sequence[dict[str, Any]]) -> dict[str, float]:
    """The figure the gate's segment rule limits.

    Args:
        contract: The data contract (its task).
        records: The records of :func:`segment_records`.

    Returns:
        ``segment_recall_gap`` (classification: largest recall difference between segments)
        or ``segment_error_ratio`` (regression: largest MAE over smallest MAE, ``1.0`` for
        fewer than two segments); nothing when the contract names no segment, so that no
        figure claims a comparison that was not made.
    """
    if contract.segment is None:
        return {}
    if contract.task != "regression":
        return {"segment_recall_gap": recall_gap(records)}
    errors = [record["mae"] for record in records]
    if len(errors) < 2 or min(errors) == 0:
        return {"segment_error_ratio": 1.0}
    return {"segment_error_ratio": float(max(errors) / min(errors))}


def summary_names(metrics: dict[str, float]) -> tuple[str, ...]:
    """The metrics worth printing for a metrics dict, recognised by the task's own metrics.

    Args:
        metrics: What :func:`holdout_metrics` returned.

    Returns:
        The :data:`SUMMARY_METRICS` entry of the task that produced them.
    """
    for names in SUMMARY_METRICS.values():
        if all(name in metrics for name in names):
            return names
    return ()
