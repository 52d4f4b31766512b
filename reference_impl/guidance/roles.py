"""The role catalogue: who an MLOps team needs and where to find them."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from reference_impl.guidance.data import load_data


class Role(BaseModel):
    """One role in the operating model.

    Attributes:
        id: Stable key used by the RACI and RBAC data.
        name: Display name.
        skills: What the role must be able to do.
        source: ``upskill`` if most organisations can grow it, ``recruit`` if not.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z-]+$")
    name: str
    skills: tuple[str, ...] = Field(min_length=1)
    source: Literal["upskill", "recruit"]


@cache
def roles() -> tuple[Role, ...]:
    """Return every role in the catalogue.

    Returns:
        Roles in catalogue order.
    """
    return tuple(load_data("roles", list[Role]))


# --8<-- [start:roles-to-recruit]
def roles_to_recruit() -> list[str]:
    """Name the roles most organisations must hire for rather than grow.

    Returns:
        Display names of roles whose ``source`` is ``recruit``.
    """
    return [role.name for role in roles() if role.source == "recruit"]
    # --8<-- [end:roles-to-recruit]
