"""How predictions reach the business, and what starts scoring or training when data lands."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table

Orchestrator = Literal[
    "data-factory", "fabric-pipeline", "event-grid", "azure-ml-schedule", "data-factory-v1"
]
Work = Literal["score", "train"]


class Destination(BaseModel):
    """Where predictions go and who reads them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    consumer: str
    how: str


class Trigger(BaseModel):
    """A way to start Azure ML work from outside.

    Attributes:
        orchestrator: Stable identifier.
        name: Name on the page.
        mechanism: What it calls.
        starts: Which work it can start.
        status: ``current`` or ``legacy``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    orchestrator: Orchestrator
    name: str
    mechanism: str
    starts: tuple[Work, ...]
    status: Literal["current", "legacy"]


class DeliveryData(BaseModel):
    """Everything in ``data/delivery.yaml``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    destinations: tuple[Destination, ...]
    triggers: tuple[Trigger, ...]


@cache
def delivery_data() -> DeliveryData:
    """Return the validated destinations and triggers.

    Returns:
        The data in ``data/delivery.yaml``.
    """
    return load_data("delivery", DeliveryData)


# --8<-- [start:trigger-for]
def trigger_for(orchestrator: str, work: str) -> Trigger:
    """Return the current mechanism an orchestrator uses to start ``work`` in Azure ML.

    Args:
        orchestrator: ``data-factory``, ``fabric-pipeline``, ``event-grid`` or
            ``azure-ml-schedule``.
        work: ``score`` or ``train``.

    Returns:
        The trigger to use.

    Raises:
        ValueError: If the orchestrator is legacy, unknown, or cannot start that work.
    """
    for trigger in delivery_data().triggers:
        if trigger.orchestrator != orchestrator:
            continue
        if trigger.status == "legacy":
            raise ValueError(f"{trigger.name} is legacy: {trigger.mechanism}")
        if work not in trigger.starts:
            raise ValueError(f"{trigger.name} cannot start {work}")
        return trigger
    raise ValueError(f"unknown orchestrator {orchestrator!r}")
    # --8<-- [end:trigger-for]


def triggers_table() -> str:
    """Render every trigger with its status.

    Returns:
        One row per trigger, current first.
    """
    ordered = sorted(delivery_data().triggers, key=lambda t: t.status != "current")
    return markdown_table(
        ["Orchestrator", "Mechanism", "Starts", "Status"],
        [(t.name, t.mechanism, ", ".join(t.starts), t.status) for t in ordered],
    )


def destinations_table() -> str:
    """Render where predictions go.

    Returns:
        One row per destination.
    """
    return markdown_table(
        ["Destination", "Read by", "How"],
        [(d.name, d.consumer, d.how) for d in delivery_data().destinations],
    )
