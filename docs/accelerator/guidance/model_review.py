"""Model review and responsible-AI approval, in proportion to the use case's risk."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table
from accelerator.guidance.roles import Role, role

RiskTier = Literal["low", "medium", "high"]
TIER_ORDER: tuple[RiskTier, ...] = ("low", "medium", "high")


class Tier(BaseModel):
    """A risk tier and who approves models in it.

    Attributes:
        tier: ``low``, ``medium`` or ``high``.
        meaning: Which use cases fall in it.
        approvers: Role ids that must all approve a release.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    tier: RiskTier
    meaning: str
    approvers: tuple[str, ...] = Field(min_length=1)


class ReviewCheck(BaseModel):
    """One check of the model review.

    Attributes:
        id: Stable key.
        check: What must be true.
        evidence: What the reviewer looks at.
        from_tier: The lowest risk tier that requires it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    check: str
    evidence: str
    from_tier: RiskTier


class ReviewPolicy(BaseModel):
    """Everything in ``data/model_review.yaml``.

    Attributes:
        tiers: The risk tiers, lowest first.
        checks: The review checks.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    tiers: tuple[Tier, ...]
    checks: tuple[ReviewCheck, ...]


class ReviewPlan(BaseModel):
    """What a model in a given tier must pass and who signs it off.

    Attributes:
        tier: The risk tier.
        checks: Checks required in that tier.
        approvers: Roles that must approve.
    """

    model_config = ConfigDict(frozen=True)

    tier: RiskTier
    checks: tuple[ReviewCheck, ...]
    approvers: tuple[Role, ...]


@cache
def review_policy() -> ReviewPolicy:
    """Return the review policy.

    Returns:
        Tiers and checks.
    """
    return load_data("model_review", ReviewPolicy)


def risk_tier(*, affects_individuals: bool, automated: bool, regulated: bool) -> RiskTier:
    """Classify a use case into a risk tier.

    Args:
        affects_individuals: The model's output feeds a decision about a person.
        automated: The decision takes effect without a person reviewing it.
        regulated: The decision is part of a regulated process (pricing, credit, claims).

    Returns:
        ``high`` for automated or regulated decisions about people, ``medium`` for other
        decisions about people, ``low`` otherwise.
    """
    if not affects_individuals:
        return "low"
    return "high" if automated or regulated else "medium"


# --8<-- [start:review-plan]
def review_plan(tier: RiskTier) -> ReviewPlan:
    """Return the checks and approvers a model in ``tier`` needs before release.

    Args:
        tier: ``low``, ``medium`` or ``high``.

    Returns:
        Every check whose ``from_tier`` is at or below ``tier``, and the tier's approvers.
    """
    rank = TIER_ORDER.index(tier)
    policy = review_policy()
    checks = tuple(c for c in policy.checks if TIER_ORDER.index(c.from_tier) <= rank)
    (entry,) = (t for t in policy.tiers if t.tier == tier)
    return ReviewPlan(tier=tier, checks=checks, approvers=tuple(map(role, entry.approvers)))
    # --8<-- [end:review-plan]


def review_checks_table() -> str:
    """Render which checks each risk tier requires.

    Returns:
        One row per check, one column per tier (✓ when required).
    """
    return markdown_table(
        ["Check", "Evidence", *TIER_ORDER],
        [
            (
                c.check,
                c.evidence,
                *(
                    "✓" if TIER_ORDER.index(c.from_tier) <= TIER_ORDER.index(t) else ""
                    for t in TIER_ORDER
                ),
            )
            for c in review_policy().checks
        ],
    )


def risk_tiers_table() -> str:
    """Render the risk tiers and their approvers.

    Returns:
        One row per tier.
    """
    return markdown_table(
        ["Tier", "Use cases", "Approved by"],
        [
            (f"**{t.tier}**", t.meaning, ", ".join(role(a).name for a in t.approvers))
            for t in review_policy().tiers
        ],
    )
