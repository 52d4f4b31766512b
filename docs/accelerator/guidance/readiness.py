"""The data science <-> platform handover and the "ready for production" checklist."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table
from accelerator.guidance.roles import role

Side = Literal["data-science", "platform"]


class ReadinessItem(BaseModel):
    """One item of the "ready for production" checklist.

    Attributes:
        id: Stable key.
        side: ``data-science`` or ``platform`` — the team that delivers it.
        owner: Role id of the person who delivers it.
        check: What must be true.
        evidence: What proves it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    side: Side
    owner: str
    check: str
    evidence: str


@cache
def readiness_checklist() -> tuple[ReadinessItem, ...]:
    """Return the checklist, data science side first.

    Returns:
        Every readiness item.
    """
    return tuple(load_data("readiness", list[ReadinessItem]))


# --8<-- [start:outstanding]
def outstanding(done: Iterable[str], side: Side | None = None) -> tuple[ReadinessItem, ...]:
    """Return the checklist items not yet done.

    Args:
        done: Ids of items that are complete.
        side: Only consider one side of the handover; ``None`` for both.

    Returns:
        Outstanding items in checklist order; empty means ready for production.

    Raises:
        ValueError: If ``done`` names an item that is not on the checklist.
    """
    done = set(done)
    unknown = done - {item.id for item in readiness_checklist()}
    if unknown:
        raise ValueError(f"not on the checklist: {', '.join(sorted(unknown))}")
    return tuple(
        item
        for item in readiness_checklist()
        if item.id not in done and (side is None or item.side == side)
    )
    # --8<-- [end:outstanding]


def ready_for_production(done: Iterable[str]) -> bool:
    """Say whether every item on both sides is done.

    Args:
        done: Ids of items that are complete.

    Returns:
        ``True`` when nothing is outstanding.
    """
    return not outstanding(done)


def _table(side: Side) -> str:
    return markdown_table(
        ["Check", "Delivered by", "Evidence"],
        [
            (item.check, role(item.owner).name, item.evidence)
            for item in readiness_checklist()
            if item.side == side
        ],
    )


def data_science_checklist_table() -> str:
    """Render what the data science team delivers at handover.

    Returns:
        One row per data-science item.
    """
    return _table("data-science")


def platform_checklist_table() -> str:
    """Render what the platform team delivers before the first release.

    Returns:
        One row per platform item.
    """
    return _table("platform")
