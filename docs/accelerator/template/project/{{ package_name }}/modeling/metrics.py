"""Holdout metrics: overall at a threshold, and per segment for the responsible-AI view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np


def classification_metrics(
    y_true: Sequence[int], probability: Sequence[float], threshold: float
) -> dict[str, float]:
    """Threshold-free and at-threshold metrics of a binary classifier.

    Args:
        y_true: Labels (0/1).
        probability: Predicted probability of class 1.
        threshold: Probability from which a row is predicted as 1.

    Returns:
        ``roc_auc``, ``pr_auc`` (average precision), the errors ``log_loss`` and ``brier``
        (lower is better), and ``f1``, ``precision``, ``recall``, ``accuracy`` at
        ``threshold``, plus ``rows`` and ``threshold``.
    """
    from sklearn.metrics import (
        accuracy_score,
        average_precision_score,
        brier_score_loss,
        f1_score,
        log_loss,
        precision_score,
        recall_score,
        roc_auc_score,
    )

    y = np.asarray(y_true)
    p = np.asarray(probability)
    predicted = (p >= threshold).astype(int)
    return {
        "roc_auc": float(roc_auc_score(y, p)),
        "pr_auc": float(average_precision_score(y, p)),
        "log_loss": float(log_loss(y, p, labels=[0, 1])),
        "brier": float(brier_score_loss(y, p, pos_label=1)),
        "f1": float(f1_score(y, predicted, zero_division=0)),
        "precision": float(precision_score(y, predicted, zero_division=0)),
        "recall": float(recall_score(y, predicted, zero_division=0)),
        "accuracy": float(accuracy_score(y, predicted)),
        "rows": float(len(y)),
        "threshold": float(threshold),
    }


def segment_metrics(
    y_true: Sequence[int],
    probability: Sequence[float],
    segments: Sequence[str],
    threshold: float,
) -> list[dict[str, Any]]:
    """Metrics per segment value (for example per region).

    Args:
        y_true: Labels (0/1).
        probability: Predicted probability of class 1.
        segments: Segment value of each row.
        threshold: Decision threshold.

    Returns:
        One record per segment, sorted by name: ``segment``, ``rows``, ``positive_rate``,
        ``flagged_rate`` (share predicted positive) and the metrics of
        :func:`classification_metrics` (``roc_auc`` is ``None`` for a single-class segment,
        ``recall`` for one with no positive row: no customer there could be found or missed).
    """
    from sklearn.metrics import precision_score, recall_score, roc_auc_score

    y = np.asarray(y_true)
    p = np.asarray(probability)
    s = np.asarray(segments)
    records = []
    for value in sorted(set(s.tolist())):
        mask = s == value
        ys, ps = y[mask], p[mask]
        predicted = (ps >= threshold).astype(int)
        records.append(
            {
                "segment": str(value),
                "rows": int(mask.sum()),
                "positive_rate": float(ys.mean()),
                "flagged_rate": float(predicted.mean()),
                "roc_auc": float(roc_auc_score(ys, ps)) if len(set(ys.tolist())) == 2 else None,
                "precision": float(precision_score(ys, predicted, zero_division=0)),
                "recall": float(recall_score(ys, predicted)) if ys.any() else None,
            }
        )
    return records


def recall_gap(segments: Sequence[dict[str, Any]]) -> float:
    """Largest difference in recall between two segments.

    Args:
        segments: Records of :func:`segment_metrics`.

    Returns:
        ``max(recall) - min(recall)`` over the segments whose recall is defined (``0.0`` for
        fewer than two).
    """
    recalls = [record["recall"] for record in segments if record["recall"] is not None]
    return float(max(recalls) - min(recalls)) if len(recalls) > 1 else 0.0
