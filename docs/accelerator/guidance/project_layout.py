"""What a team changes and what it keeps in the reference project, folder by folder."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table

TEAM_ACTION = {"change": "edit to fit", "replace": "replace with yours", "keep": "keep"}


class Part(BaseModel):
    """One part of the reference project.

    Attributes:
        path: Path relative to ``reference_impl/`` (``*.py``: its top-level modules).
        generated: Where it lands in a generated project.
        holds: What it holds.
        team: What a team usually does with it.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str
    generated: str
    holds: str
    team: Literal["change", "replace", "keep"]


def project_layout() -> tuple[Part, ...]:
    """The parts of the reference project, in reading order.

    Returns:
        One entry per folder of ``reference_impl/`` (plus its modules and its tests).
    """
    return tuple(load_data("project_layout", list[Part]))


def layout_table() -> str:
    """The layout as a Markdown table: reference path, generated path, contents, team action.

    Returns:
        A Markdown table.
    """
    rows = [
        (
            f"`reference_impl/{p.path}`".replace("reference_impl/../", ""),
            " or ".join(f"`{where.strip()}`" for where in p.generated.split(" or ")),
            p.holds,
            f"**{TEAM_ACTION[p.team]}**",
        )
        for p in project_layout()
    ]
    return markdown_table(["In this repository", "In a generated project", "Holds", "A team"], rows)
