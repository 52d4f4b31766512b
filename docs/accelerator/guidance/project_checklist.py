"""Starting a project: what a new ML repository must contain to onboard to MLOps."""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatch
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table
from accelerator.guidance.roles import role


class Inclusion(BaseModel):
    """One thing a new project repository includes.

    Attributes:
        id: Stable key.
        item: What it is.
        paths: Glob patterns; the item is present when any file matches any of them.
        why: What goes wrong without it.
        owner: Role id of the person who writes it.
        level: Maturity level (1–3) the item is needed for.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    item: str
    paths: tuple[str, ...] = Field(min_length=1)
    why: str
    owner: str
    level: int = Field(ge=1, le=4)

    def present_in(self, files: Iterable[str]) -> bool:
        """Say whether any of ``files`` satisfies this item.

        Args:
            files: Repository-relative paths with ``/`` separators.

        Returns:
            ``True`` if a file matches one of the item's patterns.
        """
        return any(fnmatch(path, pattern) for path in files for pattern in self.paths)


@cache
def project_checklist() -> tuple[Inclusion, ...]:
    """Return the inclusions checklist, ordered by maturity level.

    Returns:
        Every inclusion.
    """
    return tuple(load_data("project_checklist", list[Inclusion]))


# --8<-- [start:missing-inclusions]
def missing_inclusions(files: Iterable[str], up_to_level: int = 3) -> tuple[Inclusion, ...]:
    """List what a repository still lacks to onboard to MLOps.

    Args:
        files: The repository's files as relative paths with ``/`` separators.
        up_to_level: Only check items needed up to this maturity level.

    Returns:
        Missing inclusions in checklist order; empty when the repository is ready.
    """
    present = tuple(files)
    return tuple(
        item
        for item in project_checklist()
        if item.level <= up_to_level and not item.present_in(present)
    )
    # --8<-- [end:missing-inclusions]


def project_checklist_table() -> str:
    """Render the inclusions checklist.

    Returns:
        One row per inclusion: level, item, file patterns, owner, why.
    """
    return markdown_table(
        ["Level", "Include", "Found as", "Written by", "Without it"],
        [
            (
                i.level,
                i.item,
                ", ".join(f"`{p}`" for p in i.paths),
                role(i.owner).name,
                i.why,
            )
            for i in project_checklist()
        ],
    )
