"""Step ``evaluate``: measure the model on the fixed holdout.

Writes ``metrics.json`` (ROC AUC, PR AUC, F1, precision, recall, accuracy at the
threshold), ``segments.json`` (the same per region: the responsible-AI view) and three PNG
plots, and logs them all to MLflow with the ``holdout_`` prefix.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reference_impl.modeling.metrics import (
    classification_metrics,
    recall_gap,
    segment_metrics,
)
from reference_impl.modeling.packaging import load_model_dir
from reference_impl.modeling.plots import confusion_plot, pr_plot, roc_plot
from reference_impl.pipeline.graph import parse_step_args
from reference_impl.steps.files import read_folder_csv, write_json
from reference_impl.steps.train import MODEL_FOLDER
from reference_impl.tracking import step_run

PLOTS = ("roc.png", "pr.png", "confusion.png")


# --8<-- [start:evaluate-model]
def evaluate(
    model: Path, holdout_data: Path, evaluation: Path, *, threshold: float
) -> dict[str, Any]:
    """Score the holdout and write metrics, per-segment metrics and plots.

    Args:
        model: Folder written by the ``train`` step.
        holdout_data: Folder with ``holdout.csv`` from the ``prep`` step.
        evaluation: Output folder.
        threshold: Decision threshold.

    Returns:
        The overall metrics, plus ``segment_recall_gap``.
    """
    import mlflow

    loaded = load_model_dir(model / MODEL_FOLDER)
    holdout = read_folder_csv(holdout_data, "holdout.csv")
    labels = holdout[loaded.contract.label]
    probability = loaded.probability(holdout)
    metrics = classification_metrics(labels, probability, threshold)
    segment = loaded.contract.segment  # none: the contract names no group to compare
    segments = (
        [] if segment is None else segment_metrics(labels, probability, holdout[segment], threshold)
    )
    metrics["segment_recall_gap"] = recall_gap(segments)
    write_json(evaluation / "metrics.json", metrics)
    write_json(evaluation / "segments.json", segments)
    roc_plot(labels, probability, evaluation / "roc.png")
    pr_plot(labels, probability, evaluation / "pr.png")
    confusion_plot(labels, probability, threshold, evaluation / "confusion.png")
    with step_run("evaluate"):
        mlflow.log_metrics({f"holdout_{name}": value for name, value in metrics.items()})
        mlflow.log_artifacts(str(evaluation), artifact_path="evaluation")
    return metrics
    # --8<-- [end:evaluate-model]


def main(argv: Sequence[str] | None = None) -> int:
    """Command line of the step.

    Args:
        argv: Arguments without the program name.

    Returns:
        ``0``.
    """
    args = parse_step_args("evaluate", argv)
    metrics = evaluate(args.model, args.holdout_data, args.evaluation, threshold=args.threshold)
    print(
        f"evaluate: ROC AUC {metrics['roc_auc']:.3f}, PR AUC {metrics['pr_auc']:.3f}, "
        f"recall {metrics['recall']:.3f} at {args.threshold}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
