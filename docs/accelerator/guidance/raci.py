"""The RACI: who is Responsible, Accountable, Consulted and Informed for each activity."""

from __future__ import annotations

import csv
import io
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table
from accelerator.guidance.roles import Role, role, roles

Stage = Literal["plan", "data", "build", "platform", "release", "operate"]
Letter = Literal["R", "A", "AR", "C", "I"]


class RaciActivity(BaseModel):
    """One lifecycle activity and what each role does for it.

    Attributes:
        id: Stable key, e.g. ``"approve-release"``.
        activity: What is done, in a short sentence.
        stage: Lifecycle stage the activity belongs to.
        roles: Role id to RACI letter(s); ``AR`` means accountable and doing the work.
            Roles that play no part are left out.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    activity: str
    stage: Stage
    roles: dict[str, Letter]

    def holders(self, letter: Literal["R", "A", "C", "I"]) -> tuple[str, ...]:
        """Return the role ids whose cell contains ``letter``.

        Args:
            letter: ``R``, ``A``, ``C`` or ``I``.

        Returns:
            Role ids in data-file order.
        """
        return tuple(role_id for role_id, cell in self.roles.items() if letter in cell)


@cache
def raci() -> tuple[RaciActivity, ...]:
    """Return every activity of the RACI, in lifecycle order.

    Returns:
        The RACI activities.
    """
    return tuple(load_data("raci", list[RaciActivity]))


def activity(activity_id: str) -> RaciActivity:
    """Return one activity by id.

    Args:
        activity_id: The activity's key, e.g. ``"deploy-to-production"``.

    Returns:
        The activity.

    Raises:
        KeyError: If there is no such activity.
    """
    for candidate in raci():
        if candidate.id == activity_id:
            return candidate
    raise KeyError(f"unknown RACI activity {activity_id!r}")


# --8<-- [start:accountable-for]
def accountable_for(activity_id: str) -> Role:
    """Return the one role accountable for an activity.

    Args:
        activity_id: The activity's key, e.g. ``"approve-release"``.

    Returns:
        The accountable role.

    Raises:
        ValueError: If the data names no accountable role, or more than one.
    """
    holders = activity(activity_id).holders("A")
    if len(holders) != 1:
        raise ValueError(f"{activity_id}: expected one accountable role, found {holders}")
    return role(holders[0])
    # --8<-- [end:accountable-for]


def duties_of(role_id: str) -> dict[str, tuple[str, ...]]:
    """Return the activities a role is accountable for, responsible for, and so on.

    Args:
        role_id: Role id, e.g. ``"data-scientist"``.

    Returns:
        A mapping from ``A``, ``R``, ``C`` and ``I`` to activity ids (empty tuples included).
    """
    return {
        letter: tuple(a.id for a in raci() if letter in a.roles.get(role_id, ""))
        for letter in ("A", "R", "C", "I")
    }


def _cell(value: str) -> str:
    return "A/R" if value == "AR" else value


def raci_table() -> str:
    """Render the RACI as a matrix: activities down, roles across.

    Returns:
        One row per activity, one column per role in catalogue order.
    """
    catalogue = roles()
    return markdown_table(
        ["Stage", "Activity", *(r.name for r in catalogue)],
        [(a.stage, a.activity, *(_cell(a.roles.get(r.id, "")) for r in catalogue)) for a in raci()],
    )


def raci_csv() -> str:
    """Export the RACI as CSV, for a spreadsheet or a ticketing tool.

    Returns:
        CSV text with a header row (``stage``, ``activity_id``, ``activity``, one column per
        role id) and one row per activity; ``AR`` is written as ``A/R``.
    """
    catalogue = roles()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["stage", "activity_id", "activity", *(r.id for r in catalogue)])
    for a in raci():
        writer.writerow(
            [a.stage, a.id, a.activity, *(_cell(a.roles.get(r.id, "")) for r in catalogue)]
        )
    return out.getvalue()
