"""Environments and promotion: dev, test and prod, and the gate into each."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table
from accelerator.guidance.roles import role

Environment = Literal["dev", "test", "prod"]


class Stage(BaseModel):
    """One environment on the promotion path.

    Attributes:
        environment: ``dev``, ``test`` or ``prod``.
        purpose: What the environment is for.
        who_works_here: Who acts in it, and how.
        entry_gate: Checks a model version (or change) must pass to enter it.
        approver: Role id of the person who approves entry, or ``None`` if automatic.
        automatic: Whether entry happens without a human decision.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    environment: Environment
    purpose: str
    who_works_here: str
    entry_gate: tuple[str, ...] = Field(min_length=1)
    approver: str | None
    automatic: bool


@cache
def promotion_path() -> tuple[Stage, ...]:
    """Return the environments in promotion order.

    Returns:
        dev, test, prod.
    """
    return tuple(load_data("promotion", list[Stage]))


# --8<-- [start:gate-into]
def gate_into(environment: Environment) -> Stage:
    """Return the stage a model version is entering, with its gate and approver.

    Args:
        environment: ``dev``, ``test`` or ``prod``.

    Returns:
        The stage.

    Raises:
        KeyError: If the environment is not on the promotion path.
    """
    for stage in promotion_path():
        if stage.environment == environment:
            return stage
    raise KeyError(f"{environment!r} is not on the promotion path")
    # --8<-- [end:gate-into]


def promotion_table() -> str:
    """Render the promotion path.

    Returns:
        One row per environment: purpose, who works there, entry gate, approver.
    """
    return markdown_table(
        ["Environment", "Purpose", "Who works here", "To enter it", "Approved by"],
        [
            (
                f"**{s.environment}**",
                s.purpose,
                s.who_works_here,
                "<br>".join(s.entry_gate),
                role(s.approver).name if s.approver else "automatic",
            )
            for s in promotion_path()
        ],
    )
