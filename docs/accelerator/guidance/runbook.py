"""Monitoring, retraining, incident response and rollback: the operations runbook."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table
from accelerator.guidance.roles import role

Signal = Literal[
    "endpoint-errors", "latency", "data-quality", "model-quality", "data-drift", "cost"
]


class RunbookEntry(BaseModel):
    """What to do when a monitoring signal fires.

    Attributes:
        signal: Stable key of the signal.
        watch: What is measured.
        threshold: When it fires.
        severity: 1 (most urgent) to 3.
        owner: Role id of the first responder.
        respond_within: Time to first action.
        action: What to do.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    signal: Signal
    watch: str
    threshold: str
    severity: int = Field(ge=1, le=3)
    owner: str
    respond_within: str
    action: str


class Runbook(BaseModel):
    """The signals (a list of entries) and the rollback procedure.

    Attributes:
        entries: One entry per signal.
        rollback: Steps of a rollback, in order.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    entries: tuple[RunbookEntry, ...]
    rollback: tuple[str, ...] = Field(min_length=1)


@cache
def runbook() -> Runbook:
    """Return the runbook.

    Returns:
        Signal entries and rollback steps.
    """
    return load_data("runbook", Runbook)


def respond_to(signal: Signal) -> RunbookEntry:
    """Return the runbook entry for a signal.

    Args:
        signal: The signal's key, e.g. ``"endpoint-errors"``.

    Returns:
        The entry: severity, owner, deadline and action.

    Raises:
        KeyError: If the runbook has no such signal.
    """
    for entry in runbook().entries:
        if entry.signal == signal:
            return entry
    raise KeyError(f"no runbook entry for signal {signal!r}")


# --8<-- [start:rollback-traffic]
def rollback_traffic(traffic: Mapping[str, int], previous: str) -> dict[str, int]:
    """Compute the endpoint traffic split that rolls back to the previous deployment.

    Args:
        traffic: Current split, deployment name to percent (sums to 100), e.g.
            ``{"blue": 10, "green": 90}``.
        previous: The deployment that served before the release.

    Returns:
        The same deployments with ``previous`` at 100 and every other at 0 (kept, not
        deleted, so the faulty one can be diagnosed).

    Raises:
        ValueError: If ``previous`` is not on the endpoint or the split does not sum to 100.
    """
    if previous not in traffic:
        raise ValueError(f"deployment {previous!r} is not on the endpoint")
    if sum(traffic.values()) != 100:
        raise ValueError(f"traffic must sum to 100, got {sum(traffic.values())}")
    return {name: 100 if name == previous else 0 for name in traffic}
    # --8<-- [end:rollback-traffic]


def runbook_table() -> str:
    """Render the signals, most urgent first.

    Returns:
        One row per signal: severity, what is watched, threshold, owner, deadline, action.
    """
    entries = sorted(runbook().entries, key=lambda e: e.severity)
    return markdown_table(
        ["Sev", "Signal", "Fires when", "First responder", "Act within", "Action"],
        [
            (e.severity, e.watch, e.threshold, role(e.owner).name, e.respond_within, e.action)
            for e in entries
        ],
    )


def rollback_steps_list() -> str:
    """Render the rollback procedure as a numbered Markdown list.

    Returns:
        One numbered line per step.
    """
    return "\n".join(f"{n}. {step}" for n, step in enumerate(runbook().rollback, start=1))
