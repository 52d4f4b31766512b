"""Step ``evaluate``: measure the model on the fixed holdout.

Writes ``metrics.json`` (ROC AUC, PR AUC, F1, precision, recall, accuracy at the
threshold), ``segments.json`` (the same per region: the responsible-AI view) and three PNG
plots, and logs them all to MLflow with the ``holdout_`` prefix.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reference_impl.collector import as_command
from reference_impl.contract import DataContract
from reference_impl.modeling.packaging import load_model_dir
from reference_impl.modeling.plots import (
    class_confusion_plot,
    confusion_plot,
    pr_plot,
    prediction_plot,
    roc_plot,
)
from reference_impl.modeling.task_metrics import (
    decisions,
    holdout_metrics,
    segment_records,
    segment_rule,
    summary_names,
)
from reference_impl.pipeline.graph import parse_step_args
from reference_impl.steps.files import HOLDOUT_ROWS, read_rows, write_json
from reference_impl.steps.train import MODEL_FOLDER
from reference_impl.tracking import step_run

if TYPE_CHECKING:
    import pandas as pd

PLOTS = ("roc.png", "pr.png", "confusion.png")


# --8<-- [start:evaluate-model]
def evaluate(
    model: Path, holdout_data: Path, evaluation: Path, *, threshold: float
) -> dict[str, Any]:
    """Score the holdout and write metrics, per-segment metrics and plots.

    Args:
        model: Folder written by the ``train`` step.
        holdout_data: Folder with ``holdout.parquet`` from the ``prep`` step.
        evaluation: Output folder.
        threshold: Decision threshold.

    Returns:
        The overall metrics of the task, plus its segment figure (``segment_recall_gap`` or
        ``segment_error_ratio``).
    """
    import mlflow

    loaded = load_model_dir(model / MODEL_FOLDER)
    contract, classes = loaded.contract, loaded.classes
    holdout = read_rows(holdout_data, HOLDOUT_ROWS)
    labels = contract.labels(holdout)
    scores = loaded.scores(holdout)
    metrics = holdout_metrics(contract, labels, scores, threshold, classes)
    segment = contract.segment  # none: the contract names no group to compare
    segments = (
        []
        if segment is None
        else segment_records(contract, labels, scores, holdout[segment], threshold, classes)
    )
    metrics.update(segment_rule(contract, segments))
    write_json(evaluation / "metrics.json", metrics)
    write_json(evaluation / "segments.json", segments)
    save_plots(contract, labels, scores, threshold, classes, evaluation)
    with step_run("evaluate"):
        mlflow.log_metrics({f"holdout_{name}": value for name, value in metrics.items()})
        mlflow.log_artifacts(str(evaluation), artifact_path="evaluation")
    return metrics
    # --8<-- [end:evaluate-model]


def save_plots(
    contract: DataContract,
    labels: pd.Series,
    scores: Any,
    threshold: float,
    classes: Sequence[str],
    folder: Path,
) -> list[Path]:
    """Write the task's evaluation plots.

    Args:
        contract: The data contract (its task).
        labels: The holdout labels.
        scores: The model's scores on the holdout.
        threshold: Decision threshold (binary).
        classes: The model's classes (multi-class).
        folder: Where to write the PNG files.

    Returns:
        Binary: ``roc.png``, ``pr.png``, ``confusion.png``. Multi-class: ``confusion.png``.
        Regression: ``predicted.png``.
    """
    if contract.task == "binary":
        return [
            roc_plot(labels, scores, folder / "roc.png"),
            pr_plot(labels, scores, folder / "pr.png"),
            confusion_plot(labels, scores, threshold, folder / "confusion.png"),
        ]
    if contract.task == "multiclass":
        predicted = decisions(contract, scores, threshold, classes)
        return [class_confusion_plot(labels, predicted, classes, folder / "confusion.png")]
    return [prediction_plot(labels, scores, folder / "predicted.png")]


def main(argv: Sequence[str] | None = None) -> int:
    """Command line of the step.

    Args:
        argv: Arguments without the program name.

    Returns:
        ``0``.
    """
    args = parse_step_args("evaluate", argv)
    metrics = evaluate(args.model, args.holdout_data, args.evaluation, threshold=args.threshold)
    shown = ", ".join(f"{name} {metrics[name]:.3f}" for name in summary_names(metrics))
    print(f"evaluate: {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(as_command(main))
