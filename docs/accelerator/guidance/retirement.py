"""Model retirement: when to retire a model and the steps that do it safely."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table
from accelerator.guidance.roles import role


class RetirementStep(BaseModel):
    """One step of retiring a model.

    Attributes:
        id: Stable key.
        step: What to do.
        owner: Role id of the person who does it.
        regulated_only: Whether only regulated organisations need it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    step: str
    owner: str
    regulated_only: bool


class RetirementPolicy(BaseModel):
    """Everything in ``data/retirement.yaml``.

    Attributes:
        triggers: Situations that start a retirement.
        steps: Steps in order.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    triggers: tuple[str, ...] = Field(min_length=1)
    steps: tuple[RetirementStep, ...] = Field(min_length=1)


@cache
def retirement_policy() -> RetirementPolicy:
    """Return the retirement triggers and steps.

    Returns:
        The policy.
    """
    return load_data("retirement", RetirementPolicy)


# --8<-- [start:retirement-steps]
def retirement_steps(*, regulated: bool) -> tuple[RetirementStep, ...]:
    """Return the retirement steps that apply to an organisation, in order.

    Args:
        regulated: Whether a regulator may ask how past decisions were made.

    Returns:
        Every step, without the regulated-only ones unless ``regulated`` is true.
    """
    return tuple(s for s in retirement_policy().steps if regulated or not s.regulated_only)
    # --8<-- [end:retirement-steps]


def retirement_table() -> str:
    """Render the retirement steps.

    Returns:
        One numbered row per step with its owner and whether it is for regulated use only.
    """
    return markdown_table(
        ["#", "Step", "Owner", "Regulated only"],
        [
            (n, s.step, role(s.owner).name, "yes" if s.regulated_only else "")
            for n, s in enumerate(retirement_policy().steps, start=1)
        ],
    )


def retirement_triggers_list() -> str:
    """Render the retirement triggers as a bullet list.

    Returns:
        One bullet per trigger.
    """
    return "\n".join(f"- {t}" for t in retirement_policy().triggers)
