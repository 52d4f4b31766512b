"""The model card: one Markdown page rendered from what the pipeline knows about the model.

Everything on it comes from the step outputs and the model's own metadata (contract,
threshold, parameters, holdout metrics, per-segment metrics, fairness and feature
importance), except the owner and the intended use, which a person writes once in
``config/project.yaml``. It is registered with the model version, so the reviewer of the
model-review page reads the card of exactly the version they approve.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from reference_impl.contract import DataContract


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    def cell(value: Any) -> str:
        if value is None:
            return "n/a"
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() and abs(value) >= 1 else f"{value:.3f}"
        return str(value)

    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return lines + ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]


def _group_row(group: Mapping[str, Any]) -> tuple[Any, ...]:
    names = ("flagged_rate", "recall", "false_positive_rate")
    return (group["group"], int(group["rows"]), *(group[name] for name in names))


def _feature_range(contract: DataContract, name: str) -> str:
    feature = contract.feature(name)
    if feature.is_numeric:
        gaps = ", or empty (filled with the training median)" if feature.nullable else ""
        return f"{feature.minimum:g} to {feature.maximum:g}{gaps}"
    return ", ".join(feature.categories) + (", or empty" if feature.nullable else "")


def _fairness_section(fairness: Mapping[str, Any]) -> list[str]:
    if not fairness["groups"]:
        return ["## Fairness", "", f"Not measured: {fairness['note']}."]
    verdict = "within" if fairness["within_limit"] else "OUTSIDE"
    return [
        f"## Fairness across `{fairness['sensitive_feature']}`",
        "",
        *_table(
            ("group", "rows", "flagged rate", "recall", "false positive rate"),
            [_group_row(group) for group in fairness["groups"]],
        ),
        "",
        f"Recall difference {fairness['equal_opportunity_difference']:.3f}: {verdict} the "
        f"agreed limit of {fairness['limit']:g}. Demographic parity difference "
        f"{fairness['demographic_parity_difference']:.3f}; equalized odds difference "
        f"{fairness['equalized_odds_difference']:.3f}.",
        *(
            [
                "",
                "n/a: the group has no holdout row of the class the rate counts (no positive "
                "for recall, no negative for the false positive rate), so it has no such rate "
                "and is left out of the differences.",
            ]
            if any(value is None for group in fairness["groups"] for value in group.values())
            else []
        ),
    ]


def _segment_section(
    segment: str | None, segments: Sequence[Mapping[str, Any]], fairness: Mapping[str, Any]
) -> list[str]:
    """The evaluation's figures per group of the segment, when fairlearn compared no groups.

    A binary model's groups are in the fairness table (its rates are the decisions'); a
    multi-class or regression model makes no yes/no decisions for fairlearn, so its card
    shows the figures the gate's segment rule compared.
    """
    if segment is None or not segments or fairness["groups"]:
        return []
    names = ["rows", *(name for name in segments[0] if name not in ("segment", "rows"))]
    return [
        f"## Holdout metrics per `{segment}`",
        "",
        *_table((segment, *names), [(r["segment"], *(r[n] for n in names)) for r in segments]),
        "",
    ]


def _weakest_group(contract: DataContract, segments: Sequence[Mapping[str, Any]]) -> str:
    """The limitation line naming the group the model serves worst, or why none is named."""
    if contract.task == "regression":
        worst = max(segments, key=lambda r: r["mae"], default=None)
        if worst:
            return f"- Weakest group: `{worst['segment']}`, mean absolute error {worst['mae']:.3f}."
    else:
        measured = [r for r in segments if r["recall"] is not None]
        worst = min(measured, key=lambda r: r["recall"], default=None)
        if worst:
            return f"- Weakest group: `{worst['segment']}`, recall {worst['recall']:.3f}."
    if contract.segment is None:
        return (
            "- No groups were compared: the data contract names no segment; add "
            "`segment: <category feature>` to it to compare the groups of one."
        )
    return f"- No group of `{contract.segment}` has a figure to compare."


def render_model_card(
    *,
    title: str,
    owner: str,
    intended_use: str,
    contract: DataContract,
    model_info: Mapping[str, Any],
    metrics: Mapping[str, float],
    segments: Sequence[Mapping[str, Any]],
    fairness: Mapping[str, Any],
    importance: Sequence[Mapping[str, Any]],
) -> str:
    """Render the model card.

    Args:
        title: The project's title.
        owner: Who answers for the model.
        intended_use: Who acts on the predictions, for which decision.
        contract: The data contract stored in the model.
        model_info: ``model_info.json`` of the ``train`` step (parameters, run id).
        metrics: ``metrics.json`` of the ``evaluate`` step.
        segments: ``segments.json`` of the ``evaluate`` step (no records without a segment).
        fairness: The report of :func:`.fairness.fairness_report`.
        importance: The records of :func:`.importance.feature_importance`.

    Returns:
        Markdown with the sections intended use, data, metrics, metrics per segment (a
        multi-class or regression model whose contract names one), fairness, features and
        limitations.
    """
    drop = next((key for key in (importance[0] if importance else {}) if key.endswith("_drop")), "")
    lines = [
        f"# Model card: {title}",
        "",
        f"- **Owner:** {owner}",
        f"- **Intended use:** {intended_use}",
        f"- **Training run:** `{model_info['run_id']}`",
        f"- **Task:** {contract.task}"
        + (f"; decision threshold {metrics['threshold']:g}" if "threshold" in metrics else ""),
        "",
        "## Data",
        "",
        f"Label `{contract.label}`; one row per `{contract.id_column}`; "
        f"{int(metrics['rows'])} holdout rows.",
        "",
        *_table(
            ("feature", "kind", "accepted values"),
            [(f.name, f.kind, _feature_range(contract, f.name)) for f in contract.features],
        ),
        "",
        "## Holdout metrics",
        "",
        *_table(("metric", "value"), [(k, v) for k, v in sorted(metrics.items())]),
        "",
        *_segment_section(contract.segment, segments, fairness),
        *_fairness_section(fairness),
        "",
        "## What the model relies on",
        "",
        *_table(
            ("feature", f"{drop.removesuffix('_drop')} drop when shuffled", "std"),
            [(r["feature"], r[drop], r["std"]) for r in importance],
        ),
        "",
        "## Limitations",
        "",
        "- Scores only rows inside the accepted values above; anything else is refused.",
        _weakest_group(contract, segments),
        f"- Parameters: {', '.join(f'{k}={v}' for k, v in sorted(model_info['params'].items()))}.",
    ]
    return "\n".join(lines) + "\n"
