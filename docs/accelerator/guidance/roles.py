"""The role catalogue: who an MLOps team needs and where to find them."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table

Team = Literal["data-science", "platform", "business", "governance"]


class Role(BaseModel):
    """One role in the operating model.

    Attributes:
        id: Stable key used by the RACI and RBAC data.
        name: Display name.
        team: Which side of the handover the role sits on: ``data-science``,
            ``platform``, ``business`` or ``governance``.
        summary: What the role does, in one sentence.
        skills: What the role must be able to do.
        source: ``upskill`` if most organisations can grow it, ``recruit`` if not.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z-]+$")
    name: str
    team: Team
    summary: str
    skills: tuple[str, ...] = Field(min_length=1)
    source: Literal["upskill", "recruit"]


@cache
def roles() -> tuple[Role, ...]:
    """Return every role in the catalogue.

    Returns:
        Roles in catalogue order.
    """
    return tuple(load_data("roles", list[Role]))


def role(role_id: str) -> Role:
    """Return one role by id.

    Args:
        role_id: The role's stable key, e.g. ``"ml-engineer"``.

    Returns:
        The role.

    Raises:
        KeyError: If no role has that id.
    """
    for candidate in roles():
        if candidate.id == role_id:
            return candidate
    raise KeyError(f"unknown role {role_id!r}")


def role_ids() -> frozenset[str]:
    """Return the ids of every role in the catalogue.

    Returns:
        The set of role ids, for validating data that refers to roles.
    """
    return frozenset(r.id for r in roles())


# --8<-- [start:roles-to-recruit]
def roles_to_recruit() -> list[str]:
    """Name the roles most organisations must hire for rather than grow.

    Returns:
        Display names of roles whose ``source`` is ``recruit``.
    """
    return [role.name for role in roles() if role.source == "recruit"]
    # --8<-- [end:roles-to-recruit]


def roles_table() -> str:
    """Render the role catalogue as a Markdown table.

    Returns:
        One row per role: name, team, what it does, skills, and whether to upskill or recruit.
    """
    return markdown_table(
        ["Role", "Team", "What they do", "Core skills", "Usually"],
        [(f"**{r.name}**", r.team, r.summary, ", ".join(r.skills), r.source) for r in roles()],
    )
