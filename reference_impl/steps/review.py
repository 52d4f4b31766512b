"""Step ``review``: the responsible-AI evidence the model-review page asks for.

Writes ``fairness.json`` (fairlearn, across the contract's segment), ``importance.json``
(permutation importance on the holdout) and ``model_card.md``, and logs them to MLflow under
``review/``. The per-segment error analysis is ``segments.json`` of the ``evaluate`` step,
which this step reads. ``register`` attaches all of it to the model version, so each version
carries the evidence it was approved on.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reference_impl.collector import as_command
from reference_impl.config.project import load_project
from reference_impl.modeling.fairness import fairness_report, no_segment_report
from reference_impl.modeling.importance import IMPORTANCE_SCORING, feature_importance
from reference_impl.modeling.model_card import render_model_card
from reference_impl.modeling.packaging import load_model_dir
from reference_impl.pipeline.graph import parse_step_args
from reference_impl.steps.files import (
    HOLDOUT_ROWS,
    MODEL_CARD,
    read_json,
    read_rows,
    write_json,
)
from reference_impl.steps.train import MODEL_FOLDER
from reference_impl.tracking import step_run

EVIDENCE = ("fairness.json", "importance.json", MODEL_CARD)
"""The files of the ``review`` output folder."""


# --8<-- [start:review-model]
def review(
    model: Path,
    holdout_data: Path,
    evaluation: Path,
    evidence: Path,
    *,
    threshold: float,
    seed: int,
    max_segment_recall_gap: float,
) -> dict[str, Any]:
    """Measure fairness and feature importance on the holdout and render the model card.

    Args:
        model: Folder written by the ``train`` step.
        holdout_data: Folder with ``holdout.parquet`` from the ``prep`` step.
        evaluation: Folder written by the ``evaluate`` step (``metrics.json``).
        evidence: Output folder.
        threshold: Decision threshold.
        seed: Seed of the permutation shuffles.
        max_segment_recall_gap: The agreed recall gap between groups (the gate's limit).

    Returns:
        The fairness report.
    """
    import mlflow

    loaded = load_model_dir(model / MODEL_FOLDER)
    contract = loaded.contract
    holdout = read_rows(holdout_data, HOLDOUT_ROWS)
    labels = contract.labels(holdout)
    fairness = (
        no_segment_report(max_segment_recall_gap, contract.task, contract.segment)
        if contract.segment is None or contract.task != "binary"
        else fairness_report(
            labels, (loaded.probability(holdout) >= threshold).astype(int),
            holdout[contract.segment], sensitive_feature=contract.segment,
            limit=max_segment_recall_gap,
        )
    )  # fmt: skip
    importance = feature_importance(
        loaded, holdout[contract.feature_names], labels, seed=seed,
        scoring=IMPORTANCE_SCORING[contract.task],
    )  # fmt: skip
    project = load_project()
    card = render_model_card(
        title=project.title, owner=project.card.owner, intended_use=project.card.intended_use,
        contract=contract, model_info=read_json(model / "model_info.json"),
        metrics=read_json(evaluation / "metrics.json"),
        segments=read_json(evaluation / "segments.json"), fairness=fairness, importance=importance,
    )  # fmt: skip
    write_json(evidence / "fairness.json", fairness)
    write_json(evidence / "importance.json", importance)
    (evidence / MODEL_CARD).write_text(card, encoding="utf-8")
    with step_run("review"):
        if fairness["groups"]:
            mlflow.log_metric("review_equal_opportunity_difference",
                              fairness["equal_opportunity_difference"])  # fmt: skip
        mlflow.log_artifacts(str(evidence), artifact_path="review")
    return fairness
    # --8<-- [end:review-model]


def main(argv: Sequence[str] | None = None) -> int:
    """Command line of the step.

    Args:
        argv: Arguments without the program name.

    Returns:
        ``0``.
    """
    args = parse_step_args("review", argv)
    fairness = review(
        args.model, args.holdout_data, args.evaluation, args.evidence,
        threshold=args.threshold, seed=args.seed,
        max_segment_recall_gap=args.max_segment_recall_gap,
    )  # fmt: skip
    top = read_json(args.evidence / "importance.json")[0]["feature"]
    groups = (
        f"recall difference across {fairness['sensitive_feature']} "
        f"{fairness['equal_opportunity_difference']:.3f} (limit {fairness['limit']:g})"
        if fairness["groups"]
        else fairness["summary"]
    )
    print(f"review: {groups}; most important feature {top}; model card written")
    return 0


if __name__ == "__main__":
    sys.exit(as_command(main))
