"""Step ``gate``: decide whether the challenger replaces the champion.

The challenger must clear absolute floors (ROC AUC, recall, recall gap between segments)
and beat the current ``champion`` by a minimum margin on the same fixed holdout. The
champion is re-scored on today's holdout rather than trusting the number logged when it was
trained, so both models are judged on identical rows.

Today's holdout comes from today's data, so it cannot be the only judge: with flipped labels
a corrupt model "beats" a champion that now scores far below chance. Two defences:

* the champion's **reference holdout** (the rows it was approved on, logged by its gate and
  tagged on its version) scores both models again; the challenger may not fall behind there;
* a champion scoring far below the ROC AUC (a regressor's R²) it was registered with
  (``gate.max_champion_drop``) means the new data is suspect: the run stops with exit code 4
  and nothing is registered.

A champion that answers another question (one trained on another table under the same name)
cannot be compared at all: the run stops the same way, as it does when no rows hold the columns
both models read. A challenger without a column the champion reads is compared with it on the
reference holdout; one reading a column the reference holdout lacks is judged without that
check (:mod:`reference_impl.steps.comparable`).

The decision and every reason are written to ``decision.json`` and logged to MLflow.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from reference_impl.collector import as_command
from reference_impl.config.model import GateSection
from reference_impl.contract import DataContract
from reference_impl.exit_codes import ExitCode
from reference_impl.lineage import REGISTERED_TAGS, registered_metric
from reference_impl.modeling.metric_direction import direction_of, gain
from reference_impl.modeling.packaging import LoadedModel, load_model_dir
from reference_impl.modeling.task_metrics import holdout_metrics
from reference_impl.pipeline.graph import parse_step_args
from reference_impl.registry import CHAMPION, alias_version, download_version
from reference_impl.steps import comparable
from reference_impl.steps.files import HOLDOUT_ROWS, read_json, read_rows, write_json
from reference_impl.steps.train import MODEL_FOLDER
from reference_impl.tracking import step_run

REFERENCE_TAG = "reference_holdout"
"""Model-version tag: URI of the holdout the version was approved on."""
REFERENCE_FOLDER = "gate"
"""Run artifact folder of the approved holdout."""
REFERENCE_ARTIFACT = f"{REFERENCE_FOLDER}/{HOLDOUT_ROWS}"


GateRules = GateSection
"""The promotion rules are the ``gate`` section of the configuration, declared once: its fields
become the step's parameters (:func:`~reference_impl.pipeline.graph.section_params`)."""


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


def _lower(metric: str, better: float) -> str:
    """For an error metric, the change restated as a gain (a fall of the error)."""
    return f" (lower is better: gain {better:+.4f})" if direction_of(metric) == "lower" else ""


_ABSOLUTE_RULES = (  # metric key, rule, how the detail names it, the gate setting
    ("roc_auc", "roc_auc floor", "ROC AUC", "min_roc_auc"),
    ("recall", "recall floor", "recall", "min_recall"),
    ("r2", "r2 floor", "R²", "min_r2"),
    ("segment_recall_gap", "segment recall gap", "recall gap between segments",
     "max_segment_recall_gap"),
    ("segment_error_ratio", "segment error ratio", "largest over smallest segment MAE",
     "max_segment_error_ratio"),
)  # fmt: skip


SEGMENT_FIGURES = {key for key, *_ in _ABSOLUTE_RULES if key.startswith("segment_")}
"""The segment rule's figures: evaluation writes one when the contract names a segment."""
NO_SEGMENT = "not applied: the contract names no segment (the column whose groups it compares)"
"""The segment rule's detail without a segment: a pass that says no comparison was made."""


# --8<-- [start:floors]
def floor_checks(challenger: Mapping[str, float], rules: GateRules) -> list[Check]:
    """The absolute rules that hold whatever the champion: floors and the segment rule.

    Each applies where the task measures its figure: ROC AUC and recall floors and the recall
    gap for classification (macro recall for multi-class), the R² floor and the error ratio
    between segments for regression. Without a segment in the contract, the segment rule
    passes with a detail that says it was not applied.

    Args:
        challenger: Holdout metrics of the new model.
        rules: The promotion rules.

    Returns:
        One :class:`Check` per rule that applies, and the segment rule.
    """
    checks = []
    for key, rule, shown, setting in _ABSOLUTE_RULES:
        if key not in challenger:
            continue
        value, limit = challenger[key], getattr(rules, setting)
        floor = setting.startswith("min_")
        passed = value >= limit if floor else value <= limit
        kind = "floor" if floor else "limit"
        checks.append(Check(rule, passed, f"{shown} {value:.4f} vs {kind} {limit:.4f}"))
    if not SEGMENT_FIGURES & challenger.keys():
        checks.append(Check("segment rule", True, NO_SEGMENT))
    return checks
    # --8<-- [end:floors]


# --8<-- [start:decide]
def decide(
    challenger: Mapping[str, float],
    champion: Mapping[str, float] | None,
    rules: GateRules,
    reference: Mapping[str, Mapping[str, float]] | None = None,
) -> list[Check]:
    """Apply the promotion rules; the challenger is approved when every check passes.

    Args:
        challenger: Holdout metrics of the new model (with ``segment_recall_gap``).
        champion: Holdout metrics of the current champion, or ``None`` if there is none.
        rules: Floors and the minimum improvement.
        reference: Metrics of both models on the champion's reference holdout, as
            ``{"challenger": {...}, "champion": {...}}``, when the champion has one.

    Returns:
        One :class:`Check` per rule, floors first.
    """
    checks = floor_checks(challenger, rules)
    if champion is None:
        checks.append(Check("beats champion", True, "no champion yet"))
    else:
        checks.append(beats_champion(challenger, champion, rules))
    if reference is not None:
        new, old = reference["challenger"][rules.metric], reference["champion"][rules.metric]
        better = gain(rules.metric, new, old)
        checks.append(
            Check(
                "holds on reference holdout",
                better >= -rules.reference_tolerance,
                f"{rules.metric} {new:.4f} vs champion {old:.4f} on the champion's reference "
                f"holdout: change {new - old:+.4f}{_lower(rules.metric, better)}, "
                f"allowed -{rules.reference_tolerance:.4f}",
            )
        )
    return checks
    # --8<-- [end:decide]


def beats_champion(
    challenger: Mapping[str, float],
    champion: Mapping[str, float],
    rules: GateRules,
    rows: str = "",
) -> Check:
    """The rule that the challenger beats the champion by ``gate.min_improvement``.

    Args:
        challenger: The challenger's metrics.
        champion: The champion's metrics on the same rows.
        rules: Holds ``metric`` and ``min_improvement``.
        rows: Which rows, when not today's holdout, as the detail says it (`` on ...``).

    Returns:
        The check.
    """
    new, old = challenger[rules.metric], champion[rules.metric]
    better = gain(rules.metric, new, old)
    return Check(
        "beats champion",
        better >= rules.min_improvement,
        f"{rules.metric} {new:.4f} vs champion {old:.4f}{rows}: change {new - old:+.4f}"
        f"{_lower(rules.metric, better)}, required {rules.min_improvement:+.4f}",
    )


# --8<-- [start:data-problem]
FIGURE_NAMES = {metric: named for metric, _, named, _ in _ABSOLUTE_RULES}


def data_problem(champion: Mapping[str, Any] | None, rules: GateRules) -> str | None:
    """Say why today's holdout is suspect, or return ``None`` when it looks sound.

    A champion whose ROC AUC (a regressor's R²) on today's holdout falls far below the
    figure it was registered with has not become bad overnight: the labels or features of the
    new data are the likelier cause, and a challenger trained on them must not win by default.

    Args:
        champion: What :func:`inspect_champion` found, or ``None``.
        rules: Holds ``max_champion_drop``.

    Returns:
        One sentence naming the champion, both figures and the limit, or ``None``.
    """
    if champion is None or champion["registered"] is None:
        return None  # no champion, or one registered before versions carried the figure
    metric, registered = champion["registered"]["metric"], champion["registered"]["value"]
    today = champion["metrics"][metric]
    if registered - today <= rules.max_champion_drop:
        return None
    return (
        f"the champion (version {champion['version']}) scores {FIGURE_NAMES[metric]} "
        f"{today:.3f} on this holdout but {registered:.3f} when it was registered, a fall of "
        f"{registered - today:.3f} (limit gate.max_champion_drop {rules.max_champion_drop:.3f}): "
        "the new data's labels or features look wrong, so nothing was registered; check the "
        "file, or raise the limit if the world really changed"
    )
    # --8<-- [end:data-problem]


def _score(model: LoadedModel, rows: pd.DataFrame, threshold: float) -> dict[str, float]:
    contract = model.contract
    labels = contract.labels(rows)
    return holdout_metrics(contract, labels, model.scores(rows), threshold, model.classes)


def _reference_rows(uri: str, folder: Path) -> pd.DataFrame:
    import mlflow

    local = Path(mlflow.artifacts.download_artifacts(artifact_uri=uri, dst_path=str(folder)))
    if local.suffix == ".csv":  # logged by a gate from before rows travelled as Parquet
        return pd.read_csv(local)
    return read_rows(local.parent, local.name)


def inspect_champion(
    model_name: str,
    holdout: pd.DataFrame,
    threshold: float,
    challenger: DataContract | None = None,
) -> dict[str, Any] | None:
    """Re-score the current champion on today's holdout and on its reference holdout.

    Args:
        model_name: Registered model name.
        holdout: Today's holdout rows.
        threshold: Decision threshold.
        challenger: The challenger's contract, checked against the champion's before
            anything is scored
            (:func:`~reference_impl.steps.comparable.comparison_problem`); ``None`` skips its
            part.

    Returns:
        ``None`` when there is no champion, else ``version``, ``metrics`` (today's holdout),
        ``registered`` (the ``metric`` and ``value`` of its registered figure, ``None`` if
        its version has none), ``reference_uri``,
        ``reference_rows`` (``None`` for a champion registered without a reference holdout)
        and ``problem``: a sentence when the two models cannot be compared, and then no
        metrics (``None``). ``metrics`` is ``None`` too when today's rows lack a column the
        champion reads and the two are compared on the reference holdout instead
        (:func:`~reference_impl.steps.comparable.judged_on_reference`).
    """
    version = alias_version(model_name, CHAMPION)
    if version is None:
        return None
    uri = version.tags.get(REFERENCE_TAG)
    with tempfile.TemporaryDirectory() as folder:
        loaded = load_model_dir(download_version(model_name, version.version, Path(folder) / "m"))
        reference = None if uri is None else _reference_rows(uri, Path(folder) / "reference")
    columns = None if reference is None else reference.columns
    contract = loaded.contract
    problem = comparable.comparison_problem(
        str(version.version), contract, challenger, holdout.columns, columns
    )
    if problem is not None:
        return {"version": str(version.version), "metrics": None, "registered": None,
                "reference_uri": uri, "reference_rows": None, "reference_metrics": None,
                "problem": problem}  # fmt: skip
    today = not comparable.judged_on_reference(contract, challenger, holdout.columns, columns)
    metrics = _score(loaded, holdout, threshold) if today else None
    checked = None if metrics is None else registered_metric(metrics)
    registered = None if checked is None else version.tags.get(REGISTERED_TAGS[checked])
    found = {
        "version": str(version.version),
        "metrics": metrics,
        "registered": None
        if registered is None
        else {"metric": checked, "value": float(registered)},
        "reference_uri": uri,
        "reference_rows": reference,
        "reference_metrics": None if reference is None else _score(loaded, reference, threshold),
        "problem": None,
    }
    return found


def gate(
    evaluation: Path,
    holdout_data: Path,
    decision: Path,
    *,
    model_name: str,
    rules: GateRules,
    threshold: float,
    model: Path | None = None,
) -> dict[str, Any]:
    """Decide, write ``decision.json`` and log the decision to MLflow.

    An approved challenger's holdout is logged as ``gate/holdout.parquet`` of the gate's run and
    its URI is written to ``decision.json`` (``holdout_uri``): the register step tags the new
    champion with it, and it becomes the reference holdout the next challenger must hold on.

    Args:
        evaluation: Folder with the challenger's ``metrics.json``.
        holdout_data: Folder with ``holdout.parquet``.
        decision: Output folder.
        model_name: Registered model name.
        rules: Promotion rules.
        threshold: Decision threshold.
        model: Folder written by the ``train`` step; the challenger is scored on the
            champion's reference holdout from it (skipped when ``None``).

    Returns:
        The content of ``decision.json``; ``data_problem`` holds a sentence when the run
        must stop because the new data is suspect.
    """
    import mlflow

    challenger = read_json(evaluation / "metrics.json")
    holdout = read_rows(holdout_data, HOLDOUT_ROWS)
    challenger_model = None if model is None else load_model_dir(model / MODEL_FOLDER)
    contract = None if challenger_model is None else challenger_model.contract
    found = inspect_champion(model_name, holdout, threshold, contract)
    reference = None
    rows = None if found is None or challenger_model is None else found["reference_rows"]
    unread = None if rows is None else comparable.unread_reference(contract, rows.columns)
    if rows is not None and unread is None:
        reference = {
            "challenger": _score(challenger_model, rows, threshold),
            "champion": found["reference_metrics"],
        }
    problem = (found or {}).get("problem") or data_problem(found, rules)
    if problem:
        checks = []
    elif found is not None and found["metrics"] is None:  # compared on the reference rows only
        assert reference is not None  # judged_on_reference: they hold both models' columns
        checks = [*floor_checks(challenger, rules),
                  beats_champion(reference["challenger"], reference["champion"], rules,
                                 " on the champion's reference holdout")]  # fmt: skip
    else:
        checks = decide(challenger, None if found is None else found["metrics"], rules,
                        reference)  # fmt: skip
    if checks and unread is not None:
        checks.append(Check("holds on reference holdout", True, unread))
    result: dict[str, Any] = {
        "approved": bool(checks) and all(check.passed for check in checks),
        "checks": [asdict(check) for check in checks],
        "rules": rules.model_dump(),
        "challenger": challenger,
        "champion": None
        if found is None
        else {
            "version": found["version"],
            "metrics": found["metrics"],
            "registered": found["registered"],
            "reference_uri": found["reference_uri"],
        },
        "reference": reference,
        "data_problem": problem,
        "holdout_uri": None,
    }
    with step_run("gate") as run:
        if result["approved"]:
            mlflow.log_artifact(str(holdout_data / HOLDOUT_ROWS), REFERENCE_FOLDER)
            result["holdout_uri"] = f"runs:/{run.info.run_id}/{REFERENCE_ARTIFACT}"
        mlflow.log_metric("gate_approved", float(result["approved"]))
        mlflow.log_dict(result, "gate/decision.json")
        verdict = "stopped" if problem else "approved" if result["approved"] else "rejected"
        mlflow.set_tag("gate.decision", verdict)
    write_json(decision / "decision.json", result)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Command line of the step.

    Args:
        argv: Arguments without the program name.

    Returns:
        ``0`` whatever the decision (the decision is data, not a failure), or ``4`` when
        the new data is suspect (:func:`data_problem`) or the two models cannot be compared
        (:func:`~reference_impl.steps.comparable.comparison_problem`).
    """
    args = parse_step_args("gate", argv)
    rules = GateRules(**{name: getattr(args, name) for name in GateRules.model_fields})
    result = gate(
        args.evaluation,
        args.holdout_data,
        args.decision,
        model_name=args.model_name,
        rules=rules,
        threshold=args.threshold,
        model=args.model,
    )
    if result["data_problem"]:
        print(f"error: {result['data_problem']}", file=sys.stderr)
        return ExitCode.BAD_DATA
    print(f"gate: {'approved' if result['approved'] else 'rejected'}")
    for check in result["checks"]:
        print(f"  {'pass' if check['passed'] else 'FAIL'}  {check['rule']}: {check['detail']}")
    return 0


if __name__ == "__main__":
    sys.exit(as_command(main))
