"""The MLOps maturity levels 0–4 and the question that places a team on each."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table


class MaturityLevel(BaseModel):
    """One level of the maturity model.

    Attributes:
        level: 0 (no MLOps) to 4 (fully automated operations).
        name: The level's name in the Azure MLOps maturity model.
        test: A yes/no question; "yes" means the team has reached this level.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    level: int = Field(ge=0, le=4)
    name: str
    test: str


@cache
def maturity_levels() -> tuple[MaturityLevel, ...]:
    """Return the five levels in order.

    Returns:
        Levels 0 to 4.
    """
    return tuple(load_data("maturity_levels", list[MaturityLevel]))


# --8<-- [start:next-level]
def next_level(current: int) -> MaturityLevel | None:
    """Return the level a team at ``current`` should aim for next.

    Args:
        current: The level the team has reached (0–4).

    Returns:
        The next level, or ``None`` when the team is already at level 4.

    Raises:
        ValueError: If ``current`` is not between 0 and 4.
    """
    levels = maturity_levels()
    if not 0 <= current < len(levels):
        raise ValueError(f"maturity level must be between 0 and {len(levels) - 1}, got {current}")
    return levels[current + 1] if current + 1 < len(levels) else None
    # --8<-- [end:next-level]


def levels_table() -> str:
    """Render the maturity levels as a Markdown table.

    Returns:
        One row per level with its name and the question that tests it.
    """
    return markdown_table(
        ["Level", "Name", "You are here when the answer is yes"],
        [(lvl.level, lvl.name, lvl.test) for lvl in maturity_levels()],
    )
