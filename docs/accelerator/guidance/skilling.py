"""Skilling and recruiting: grow each role from jobs the organisation has, or hire for it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from accelerator.guidance.certifications import certifications_for
from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table
from accelerator.guidance.organisation import contoso
from accelerator.guidance.roles import Role, role, roles

StaffingAction = Literal["have", "upskill", "recruit"]


class SkillingPath(BaseModel):
    """How one role is grown from existing jobs.

    Attributes:
        role: Role id from the role catalogue.
        upskill_from: Existing job titles that are the shortest path into the role.
        learn: What people coming from those jobs must learn.
        weeks_to_productive: Rough weeks of learning plus coached work before working unaided.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: str
    upskill_from: tuple[str, ...] = Field(min_length=1)
    learn: tuple[str, ...] = Field(min_length=1)
    weeks_to_productive: int = Field(ge=1, le=52)


class StaffingDecision(BaseModel):
    """Whether to keep, grow or hire one role, and why.

    Attributes:
        role: The role.
        action: ``have`` (already employed), ``upskill`` or ``recruit``.
        from_job: The existing job to upskill from, when ``action`` is ``upskill``.
        weeks: Weeks until the role works unaided (0 when the organisation has it).
        why: The reason, in a sentence.
    """

    model_config = ConfigDict(frozen=True)

    role: Role
    action: StaffingAction
    from_job: str | None
    weeks: int
    why: str


@cache
def skilling_paths() -> tuple[SkillingPath, ...]:
    """Return one skilling path per role, in catalogue order.

    Returns:
        The skilling paths.
    """
    return tuple(load_data("skilling", list[SkillingPath]))


def skilling_path(role_id: str) -> SkillingPath:
    """Return the skilling path of one role.

    Args:
        role_id: Role id, e.g. ``"platform-engineer"``.

    Returns:
        The role's skilling path.

    Raises:
        KeyError: If the role has no skilling path.
    """
    for path in skilling_paths():
        if path.role == role_id:
            return path
    raise KeyError(f"no skilling path for role {role_id!r}")


# --8<-- [start:staffing-decision]
def staffing_decision(role_id: str, existing_jobs: Iterable[str]) -> StaffingDecision:
    """Decide whether to keep, upskill or recruit for one role.

    A role the organisation already employs is kept. A role the catalogue marks *recruit*
    is hired first, even if a feeder job exists, because nobody inside can coach it yet.
    Otherwise the role is grown from the first feeder job the organisation has, or hired.

    Args:
        role_id: Role id from the catalogue.
        existing_jobs: Job titles the organisation employs today (case does not matter).

    Returns:
        The decision with its reason.
    """
    have = {job.casefold() for job in existing_jobs}
    target, path = role(role_id), skilling_path(role_id)
    if target.name.casefold() in have:
        why = "already employed; add the MLOps topics to their learning plan"
        return StaffingDecision(role=target, action="have", from_job=None, weeks=0, why=why)
    feeders = [job for job in path.upskill_from if job.casefold() in have]
    if target.source == "recruit":
        why = "scarce skill: hire one experienced person first, who then coaches others"
        if feeders:
            why += f" grown from: {', '.join(feeders)}"
        return StaffingDecision(role=target, action="recruit", from_job=None, weeks=0, why=why)
    if not feeders:
        why = "no job the organisation has today leads into it"
        return StaffingDecision(role=target, action="recruit", from_job=None, weeks=0, why=why)
    why = f"grow from {feeders[0]}, who must learn: {', '.join(path.learn)}"
    return StaffingDecision(
        role=target, action="upskill", from_job=feeders[0], weeks=path.weeks_to_productive, why=why
    )
    # --8<-- [end:staffing-decision]


def staffing_plan(existing_jobs: Iterable[str]) -> tuple[StaffingDecision, ...]:
    """Decide keep / upskill / recruit for every role in the catalogue.

    Args:
        existing_jobs: Job titles the organisation employs today.

    Returns:
        One decision per role, in catalogue order.
    """
    jobs = tuple(existing_jobs)
    return tuple(staffing_decision(r.id, jobs) for r in roles())


def skilling_table() -> str:
    """Render every role's skilling path.

    Returns:
        One row per role: feeder jobs, what to learn, weeks to productive, and the first
        active certification that fits (see :mod:`accelerator.guidance.certifications`).
    """
    return markdown_table(
        ["Role", "Grow it from", "They need to learn", "Weeks to productive", "First exam"],
        [
            (
                f"**{role(p.role).name}**",
                ", ".join(p.upskill_from),
                ", ".join(p.learn),
                p.weeks_to_productive,
                next((c.exam for c in certifications_for(p.role)), "—"),
            )
            for p in skilling_paths()
        ],
    )


def contoso_staffing_table() -> str:
    """Render the staffing plan of the worked example, Contoso Insurance.

    Returns:
        One row per role with Contoso's keep / upskill / recruit decision.
    """
    return markdown_table(
        ["Role", "Contoso's decision", "From", "Weeks", "Why"],
        [
            (d.role.name, f"**{d.action}**", d.from_job or "—", d.weeks or "—", d.why)
            for d in staffing_plan(contoso().existing_jobs)
        ],
    )


@dataclass(frozen=True)
class StaffingRuleRow:
    """One row of the staffing decision table, with a case that exercises it.

    The action shown for a row is what :func:`staffing_decision` answers for ``role_id`` and
    ``jobs``; a test checks that every role and job list falling in the row gets that action.

    Attributes:
        employ_role: Whether the organisation already employs the role, in words.
        marked_recruit: Whether the role catalogue marks the role *recruit*, in words.
        feeder_job: Whether the organisation has a job that leads into the role, in words.
        role_id: The role of the example case.
        jobs: The existing jobs of the example case.
    """

    employ_role: str
    marked_recruit: str
    feeder_job: str
    role_id: str
    jobs: tuple[str, ...]

    def matches(self, role_id: str, existing_jobs: Iterable[str]) -> bool:
        """Whether a role and an organisation's jobs are in this row's situation."""
        have = {job.casefold() for job in existing_jobs}
        facts = {
            "employ_role": role(role_id).name.casefold() in have,
            "marked_recruit": role(role_id).source == "recruit",
            "feeder_job": any(
                job.casefold() in have for job in skilling_path(role_id).upskill_from
            ),
        }
        return all(
            getattr(self, name) == "any" or (getattr(self, name) == "yes") == value
            for name, value in facts.items()
        )


STAFFING_RULE_ROWS = (
    StaffingRuleRow("yes", "any", "any", "data-scientist", ("data scientist",)),
    StaffingRuleRow("no", "yes", "any", "ml-engineer", ("software engineer",)),
    StaffingRuleRow("no", "no", "yes", "platform-engineer", ("DevOps engineer",)),
    StaffingRuleRow("no", "no", "no", "platform-engineer", ("data analyst",)),
)


def staffing_rule_table() -> str:
    """Render the keep / upskill / recruit rule as a decision table.

    Returns:
        One row per situation, with the action :func:`staffing_decision` gives its example.
    """
    rows = []
    for row in STAFFING_RULE_ROWS:
        decision = staffing_decision(row.role_id, row.jobs)
        example = f"{role(row.role_id).name}, with: {', '.join(row.jobs)}"
        rows.append(
            (row.employ_role, row.marked_recruit, row.feeder_job, f"**{decision.action}**", example)
        )
    return markdown_table(
        [
            "Already employ the role",
            "Role marked *recruit* (scarce)",
            "Have a job that leads into it",
            "Decision",
            "Checked on",
        ],
        rows,
    )
