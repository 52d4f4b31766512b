"""Evaluation plots as PNG files: ROC curve, precision-recall curve, confusion matrix.

Figures are built with :class:`matplotlib.figure.Figure` and saved through the Agg
renderer: no pyplot, no global state, no display needed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

_PNG = {"dpi": 110, "metadata": {"Software": None}}


def _figure(title: str) -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(4.2, 3.6), layout="constrained")
    axes = figure.add_subplot()
    axes.set_title(title)
    return figure, axes


def roc_plot(y_true: Sequence[int], probability: Sequence[float], path: Path) -> Path:
    """Save the ROC curve with its area.

    Args:
        y_true: Labels (0/1).
        probability: Predicted probability of class 1.
        path: PNG file to write.

    Returns:
        ``path``.
    """
    from sklearn.metrics import roc_auc_score, roc_curve

    fpr, tpr, _ = roc_curve(y_true, probability)
    figure, axes = _figure(f"ROC curve (AUC {roc_auc_score(y_true, probability):.3f})")
    axes.plot(fpr, tpr, color="#3f51b5", label="model")
    axes.plot([0, 1], [0, 1], color="grey", linestyle="--", label="chance")
    axes.set_xlabel("false positive rate")
    axes.set_ylabel("true positive rate")
    axes.legend(loc="lower right")
    figure.savefig(path, **_PNG)
    return path


def pr_plot(y_true: Sequence[int], probability: Sequence[float], path: Path) -> Path:
    """Save the precision-recall curve with its average precision.

    Args:
        y_true: Labels (0/1).
        probability: Predicted probability of class 1.
        path: PNG file to write.

    Returns:
        ``path``.
    """
    from sklearn.metrics import average_precision_score, precision_recall_curve

    precision, recall, _ = precision_recall_curve(y_true, probability)
    base_rate = float(np.mean(y_true))
    title = f"Precision-recall (AP {average_precision_score(y_true, probability):.3f})"
    figure, axes = _figure(title)
    axes.plot(recall, precision, color="#3f51b5", label="model")
    axes.axhline(base_rate, color="grey", linestyle="--", label=f"positive rate {base_rate:.0%}")
    axes.set_xlabel("recall")
    axes.set_ylabel("precision")
    axes.legend(loc="upper right")
    figure.savefig(path, **_PNG)
    return path


def confusion_plot(
    y_true: Sequence[int], probability: Sequence[float], threshold: float, path: Path
) -> Path:
    """Save the confusion matrix at ``threshold`` with counts in the cells.

    Args:
        y_true: Labels (0/1).
        probability: Predicted probability of class 1.
        threshold: Decision threshold.
        path: PNG file to write.

    Returns:
        ``path``.
    """
    from sklearn.metrics import confusion_matrix

    matrix = confusion_matrix(y_true, (np.asarray(probability) >= threshold).astype(int))
    figure, axes = _figure(f"Confusion matrix at {threshold:.2f}")
    axes.imshow(matrix, cmap="Blues")
    for (row, col), count in np.ndenumerate(matrix):
        colour = "white" if count > matrix.max() / 2 else "black"
        axes.text(col, row, str(count), ha="center", va="center", color=colour)
    axes.set_xticks([0, 1], ["negative", "positive"])
    axes.set_yticks([0, 1], ["negative", "positive"])
    axes.set_xlabel("predicted")
    axes.set_ylabel("actual")
    figure.savefig(path, **_PNG)
    return path


def class_confusion_plot(
    y_true: Sequence[str], predicted: Sequence[str], classes: Sequence[str], path: Path
) -> Path:
    """Save the confusion matrix of a multi-class model, one row and column per class.

    Args:
        y_true: The actual classes.
        predicted: The likeliest class per row.
        classes: Every class, in the model's order.
        path: PNG file to write.

    Returns:
        ``path``.
    """
    from sklearn.metrics import confusion_matrix

    matrix = confusion_matrix(y_true, predicted, labels=list(classes))
    figure, axes = _figure("Confusion matrix")
    axes.imshow(matrix, cmap="Blues")
    for (row, col), count in np.ndenumerate(matrix):
        colour = "white" if count > matrix.max() / 2 else "black"
        axes.text(col, row, str(count), ha="center", va="center", color=colour)
    ticks = list(range(len(classes)))
    axes.set_xticks(ticks, list(classes))
    axes.set_yticks(ticks, list(classes))
    axes.set_xlabel("predicted")
    axes.set_ylabel("actual")
    figure.savefig(path, **_PNG)
    return path


def prediction_plot(y_true: Sequence[float], predicted: Sequence[float], path: Path) -> Path:
    """Save predicted against actual values of a regression model, with the ideal diagonal.

    Args:
        y_true: The actual values.
        predicted: The predicted values.
        path: PNG file to write.

    Returns:
        ``path``.
    """
    actual, guess = np.asarray(y_true, dtype=float), np.asarray(predicted, dtype=float)
    figure, axes = _figure("Predicted against actual")
    axes.scatter(actual, guess, s=6, alpha=0.5)
    low, high = float(min(actual.min(), guess.min())), float(max(actual.max(), guess.max()))
    axes.plot([low, high], [low, high], linestyle="--", color="grey", label="ideal")
    axes.set_xlabel("actual")
    axes.set_ylabel("predicted")
    axes.legend(loc="upper left")
    figure.savefig(path, **_PNG)
    return path
