"""Step ``gate``: decide whether the challenger replaces the champion.

The challenger must clear absolute floors (ROC AUC, recall, recall gap between segments)
and beat the current ``champion`` by a minimum margin on the same fixed holdout. The
champion is re-scored on today's holdout rather than trusting the number logged when it was
trained, so both models are judged on identical rows. The decision and every reason are
written to ``decision.json`` and logged to MLflow.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from reference_impl.modeling.metrics import classification_metrics
from reference_impl.modeling.packaging import load_model_dir
from reference_impl.pipeline.graph import parse_step_args
from reference_impl.registry import CHAMPION, alias_version, download_version
from reference_impl.steps.files import read_folder_csv, read_json, write_json
from reference_impl.tracking import step_run


@dataclass(frozen=True)
class GateRules:
    """Promotion rules, from the ``gate`` section of the environment configuration.

    Attributes:
        metric: Metric compared with the champion.
        min_improvement: Smallest gain over the champion that promotes.
        min_roc_auc: Floor of the holdout ROC AUC.
        min_recall: Floor of the holdout recall.
        max_segment_recall_gap: Largest allowed recall gap between segments.
    """

    metric: str
    min_improvement: float
    min_roc_auc: float
    min_recall: float
    max_segment_recall_gap: float


@dataclass(frozen=True)
class Check:
    """One rule and its outcome.

    Attributes:
        rule: Short name of the rule.
        passed: Whether the challenger satisfies it.
        detail: The numbers behind the outcome.
    """

    rule: str
    passed: bool
    detail: str


# --8<-- [start:decide]
def decide(
    challenger: Mapping[str, float],
    champion: Mapping[str, float] | None,
    rules: GateRules,
) -> list[Check]:
    """Apply the promotion rules; the challenger is approved when every check passes.

    Args:
        challenger: Holdout metrics of the new model (with ``segment_recall_gap``).
        champion: Holdout metrics of the current champion, or ``None`` if there is none.
        rules: Floors and the minimum improvement.

    Returns:
        One :class:`Check` per rule, floors first.
    """
    auc, recall = challenger["roc_auc"], challenger["recall"]
    gap = challenger["segment_recall_gap"]
    checks = [
        Check("roc_auc floor", auc >= rules.min_roc_auc,
              f"ROC AUC {auc:.4f} vs floor {rules.min_roc_auc:.4f}"),
        Check("recall floor", recall >= rules.min_recall,
              f"recall {recall:.4f} vs floor {rules.min_recall:.4f}"),
        Check("segment recall gap", gap <= rules.max_segment_recall_gap,
              f"recall gap between segments {gap:.4f} vs limit {rules.max_segment_recall_gap:.4f}"),
    ]  # fmt: skip
    if champion is None:
        checks.append(Check("beats champion", True, "no champion yet"))
    else:
        new, old = challenger[rules.metric], champion[rules.metric]
        checks.append(
            Check(
                "beats champion",
                new - old >= rules.min_improvement,
                f"{rules.metric} {new:.4f} vs champion {old:.4f}: change {new - old:+.4f}, "
                f"required {rules.min_improvement:+.4f}",
            )
        )
    return checks
    # --8<-- [end:decide]


def champion_metrics(
    model_name: str, holdout_data: Path, threshold: float
) -> tuple[str, dict[str, float]] | None:
    """Re-score the current champion on the holdout.

    Args:
        model_name: Registered model name.
        holdout_data: Folder with ``holdout.csv``.
        threshold: Decision threshold.

    Returns:
        ``(version, metrics)``, or ``None`` when there is no champion.
    """
    version = alias_version(model_name, CHAMPION)
    if version is None:
        return None
    holdout = read_folder_csv(holdout_data, "holdout.csv")
    with tempfile.TemporaryDirectory() as folder:
        loaded = load_model_dir(download_version(model_name, version.version, Path(folder)))
        probability = loaded.probability(holdout)
    return str(version.version), classification_metrics(
        holdout[loaded.contract.label], probability, threshold
    )


def gate(
    evaluation: Path,
    holdout_data: Path,
    decision: Path,
    *,
    model_name: str,
    rules: GateRules,
    threshold: float,
) -> dict[str, Any]:
    """Decide, write ``decision.json`` and log the decision to MLflow.

    Args:
        evaluation: Folder with the challenger's ``metrics.json``.
        holdout_data: Folder with ``holdout.csv``.
        decision: Output folder.
        model_name: Registered model name.
        rules: Promotion rules.
        threshold: Decision threshold.

    Returns:
        The content of ``decision.json``.
    """
    import mlflow

    challenger = read_json(evaluation / "metrics.json")
    found = champion_metrics(model_name, holdout_data, threshold)
    checks = decide(challenger, None if found is None else found[1], rules)
    result = {
        "approved": all(check.passed for check in checks),
        "checks": [asdict(check) for check in checks],
        "rules": asdict(rules),
        "challenger": challenger,
        "champion": None if found is None else {"version": found[0], "metrics": found[1]},
    }
    write_json(decision / "decision.json", result)
    with step_run("gate"):
        mlflow.log_metric("gate_approved", float(result["approved"]))
        mlflow.log_dict(result, "gate/decision.json")
        mlflow.set_tag("gate.decision", "approved" if result["approved"] else "rejected")
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Command line of the step.

    Args:
        argv: Arguments without the program name.

    Returns:
        ``0`` whatever the decision (the decision is data, not a failure).
    """
    args = parse_step_args("gate", argv)
    rules = GateRules(
        metric=args.metric,
        min_improvement=args.min_improvement,
        min_roc_auc=args.min_roc_auc,
        min_recall=args.min_recall,
        max_segment_recall_gap=args.max_segment_recall_gap,
    )
    result = gate(
        args.evaluation,
        args.holdout_data,
        args.decision,
        model_name=args.model_name,
        rules=rules,
        threshold=args.threshold,
    )
    print(f"gate: {'approved' if result['approved'] else 'rejected'}")
    for check in result["checks"]:
        print(f"  {'pass' if check['passed'] else 'FAIL'}  {check['rule']}: {check['detail']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
