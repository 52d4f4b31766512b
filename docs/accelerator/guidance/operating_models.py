"""Centralised, hub-and-spoke or federated: the operating model and the rule that picks one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table
from accelerator.guidance.organisation import BusinessUnit, Organisation, organisations

OperatingModelId = Literal["centralised", "hub-and-spoke", "federated"]

# A data science population this small fits one team and one backlog.
SMALL_TEAM = 6
# A business unit this large can staff its own platform engineers.
SELF_SUFFICIENT_UNIT = 8


class OperatingModel(BaseModel):
    """One way of organising MLOps across business units.

    Attributes:
        id: ``centralised``, ``hub-and-spoke`` or ``federated``.
        name: Display name.
        summary: One-sentence description.
        platform_owned_by: Who runs the Azure ML platform.
        models_built_by: Who builds and owns the models.
        strengths: Why organisations choose it.
        risks: What tends to go wrong.
        choose_when: The situation it fits.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: OperatingModelId
    name: str
    summary: str
    platform_owned_by: str
    models_built_by: str
    strengths: tuple[str, ...]
    risks: tuple[str, ...]
    choose_when: str


class OperatingModelChoice(BaseModel):
    """A recommended operating model and the reason for it.

    Attributes:
        model: The recommended operating model.
        reason: Why it fits the organisation.
    """

    model_config = ConfigDict(frozen=True)

    model: OperatingModel
    reason: str


@cache
def operating_models() -> tuple[OperatingModel, ...]:
    """Return the three operating models.

    Returns:
        Centralised, hub and spoke, federated — in that order.
    """
    return tuple(load_data("operating_models", list[OperatingModel]))


def operating_model(model_id: OperatingModelId) -> OperatingModel:
    """Return one operating model by id.

    Args:
        model_id: ``centralised``, ``hub-and-spoke`` or ``federated``.

    Returns:
        The operating model.

    Raises:
        KeyError: If the id is unknown.
    """
    for model in operating_models():
        if model.id == model_id:
            return model
    raise KeyError(f"unknown operating model {model_id!r}")


# --8<-- [start:recommend-operating-model]
def recommend_operating_model(org: Organisation) -> OperatingModelChoice:
    """Recommend an operating model from a few facts about the organisation.

    Args:
        org: The organisation's business units, data scientists and platform team.

    Returns:
        The operating model and the reason it was chosen.
    """
    units = org.business_units
    if len(units) == 1 or org.data_scientists <= SMALL_TEAM:
        why = f"{org.data_scientists} data scientists fit one team and one backlog"
        return OperatingModelChoice(model=operating_model("centralised"), reason=why)
    smallest = min(unit.data_scientists for unit in units)
    if not org.central_platform_team and smallest >= SELF_SUFFICIENT_UNIT:
        why = "no shared platform team, and every unit is large enough to run its own"
        return OperatingModelChoice(model=operating_model("federated"), reason=why)
    why = f"{len(units)} business units share one platform; each keeps its modellers"
    return OperatingModelChoice(model=operating_model("hub-and-spoke"), reason=why)
    # --8<-- [end:recommend-operating-model]


def operating_models_table() -> str:
    """Render the three operating models side by side.

    Returns:
        One row per model: who owns the platform, who builds models, strengths, risks, fit.
    """
    return markdown_table(
        ["Model", "Platform run by", "Models built by", "Strengths", "Risks", "Choose when"],
        [
            (
                f"**{m.name}**",
                m.platform_owned_by,
                m.models_built_by,
                "; ".join(m.strengths),
                "; ".join(m.risks),
                m.choose_when,
            )
            for m in operating_models()
        ],
    )


def operating_model_examples_table() -> str:
    """Render the recommendation for each example organisation.

    Returns:
        One row per example organisation with its facts and the recommended model.
    """
    rows = []
    for org in organisations():
        choice = recommend_operating_model(org)
        rows.append(
            (
                org.name,
                len(org.business_units),
                org.data_scientists,
                "yes" if org.central_platform_team else "no",
                f"**{choice.model.name}**",
                choice.reason,
            )
        )
    return markdown_table(
        [
            "Organisation",
            "Business units",
            "Data scientists",
            "Central platform team",
            "Recommended",
            "Why",
        ],
        rows,
    )


@dataclass(frozen=True)
class RuleRow:
    """One row of the decision table: the situation in words, a test for it, and an example.

    The recommended model of a row is never written down: the table asks
    :func:`recommend_operating_model` about ``example``, and a test checks that every
    organisation the row ``matches`` gets that same answer.

    Attributes:
        units: Number of business units, in words.
        data_scientists: Total data scientists, in words.
        platform_team: Whether one platform team serves every unit, in words.
        smallest_unit: Size of the smallest unit, in words.
        matches: Whether an organisation is in this row's situation.
        example: An organisation in this situation.
    """

    units: str
    data_scientists: str
    platform_team: str
    smallest_unit: str
    matches: Callable[[Organisation], bool]
    example: Organisation


def _example(sizes: tuple[int, ...], platform_team: bool) -> Organisation:
    return Organisation(
        name="Example",
        regulated=False,
        separate_prod_subscription=False,
        central_platform_team=platform_team,
        business_units=tuple(
            BusinessUnit(name=f"Unit {n}", data_scientists=size, region="westeurope")
            for n, size in enumerate(sizes, start=1)
        ),
    )


def _several(org: Organisation) -> bool:
    return len(org.business_units) > 1 and org.data_scientists > SMALL_TEAM


def _smallest(org: Organisation) -> int:
    return min(unit.data_scientists for unit in org.business_units)


RULE_ROWS = (
    RuleRow("one", "any", "any", "any",
            lambda o: len(o.business_units) == 1, _example((SMALL_TEAM + 4,), True)),
    RuleRow("two or more", f"{SMALL_TEAM} or fewer", "any", "any",
            lambda o: len(o.business_units) > 1 and o.data_scientists <= SMALL_TEAM,
            _example((2, 2), False)),
    RuleRow("two or more", f"more than {SMALL_TEAM}", "yes", "any",
            lambda o: _several(o) and o.central_platform_team,
            _example((SELF_SUFFICIENT_UNIT, SELF_SUFFICIENT_UNIT), True)),
    RuleRow("two or more", f"more than {SMALL_TEAM}", "no", f"{SELF_SUFFICIENT_UNIT} or more",
            lambda o: _several(o) and not o.central_platform_team
            and _smallest(o) >= SELF_SUFFICIENT_UNIT,
            _example((SELF_SUFFICIENT_UNIT, SELF_SUFFICIENT_UNIT), False)),
    RuleRow("two or more", f"more than {SMALL_TEAM}", "no", f"fewer than {SELF_SUFFICIENT_UNIT}",
            lambda o: _several(o) and not o.central_platform_team
            and _smallest(o) < SELF_SUFFICIENT_UNIT,
            _example((SELF_SUFFICIENT_UNIT, 2), False)),
)  # fmt: skip


def rule_row(org: Organisation) -> RuleRow:
    """Return the decision-table row an organisation falls in.

    Args:
        org: The organisation.

    Returns:
        The one row whose situation matches.

    Raises:
        ValueError: If no row, or more than one, matches (the table would be wrong).
    """
    found = [row for row in RULE_ROWS if row.matches(org)]
    if len(found) != 1:
        raise ValueError(f"{org.name} matches {len(found)} rows of the decision table, not 1")
    return found[0]


def operating_model_rule_table() -> str:
    """Render the rule as a decision table a reader can follow without reading code.

    Returns:
        One row per situation: the four facts, the model :func:`recommend_operating_model`
        gives for the row's example, and the example's unit sizes.
    """
    rows = []
    for row in RULE_ROWS:
        choice = recommend_operating_model(row.example)
        rows.append(
            (
                row.units,
                row.data_scientists,
                row.platform_team,
                row.smallest_unit,
                f"**{choice.model.name}**",
                " + ".join(str(unit.data_scientists) for unit in row.example.business_units),
            )
        )
    return markdown_table(
        [
            "Business units",
            "Data scientists in total",
            "One platform team serves all units",
            "Smallest unit (data scientists)",
            "Choose",
            "Checked on units of",
        ],
        rows,
    )
