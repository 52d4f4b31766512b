"""The 10–12 week implementation plan: weeks, deliverables and exit criteria."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table


class Deliverable(BaseModel):
    """Something the project hands over in a week.

    Attributes:
        name: What is delivered.
        page: The site page (path under ``docs/``) that explains how to produce it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    page: str = Field(pattern=r"^[a-z-]+/[a-z0-9-]+\.md$")


class Week(BaseModel):
    """One week of the plan.

    Attributes:
        week: Week number, starting at 1.
        theme: What the week is about.
        track: Which stream of work the week belongs to (a row group of the timeline).
        deliverables: What is handed over by the end of the week.
        exit_criteria: What must be true to close the week.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    week: int = Field(ge=1)
    theme: str
    track: Literal["People", "Platform", "Model", "Operate"]
    deliverables: tuple[Deliverable, ...] = Field(min_length=1)
    exit_criteria: tuple[str, ...] = Field(min_length=1)


@cache
def plan() -> tuple[Week, ...]:
    """Return the plan, week by week.

    Returns:
        The weeks in order.
    """
    return tuple(load_data("plan", list[Week]))


# --8<-- [start:due-by]
def due_by(week: int) -> tuple[Deliverable, ...]:
    """Return every deliverable due by the end of ``week``.

    Args:
        week: A week number of the plan.

    Returns:
        Deliverables of weeks 1 to ``week``, in order.

    Raises:
        ValueError: If ``week`` is outside the plan.
    """
    weeks = plan()
    if not 1 <= week <= len(weeks):
        raise ValueError(f"the plan has weeks 1 to {len(weeks)}, not {week}")
    return tuple(d for w in weeks[:week] for d in w.deliverables)
    # --8<-- [end:due-by]


def plan_table() -> str:
    """Render the plan, one row per week, with links to the pages behind each deliverable.

    Links are relative to a page one folder below ``docs/`` (where the plan is rendered).

    Returns:
        One row per week: theme, deliverables (linked), exit criteria.
    """
    return markdown_table(
        ["Week", "Theme", "Deliverables", "Exit criteria"],
        [
            (
                w.week,
                f"**{w.theme}**",
                "<br>".join(f"[{d.name}](../{d.page})" for d in w.deliverables),
                "<br>".join(w.exit_criteria),
            )
            for w in plan()
        ],
    )


GANTT_START = date(2023, 1, 1)  # a Sunday, so mermaid's week numbers (%U) start at week 1


def plan_gantt() -> str:
    """Draw the plan as a timeline: one bar per week, grouped by track in order of first use.

    Returns:
        A Mermaid gantt chart inside a ``mermaid`` fence.
    """
    lines = [
        "```mermaid",
        "gantt",
        "  accTitle: The twelve weeks of the plan by track: people, platform, model, operate",
        "  dateFormat YYYY-MM-DD",
        "  axisFormat week %U",
        "  tickInterval 1week",
    ]
    for track in dict.fromkeys(w.track for w in plan()):
        lines.append(f"  section {track}")
        for w in (w for w in plan() if w.track == track):
            start = GANTT_START + timedelta(weeks=w.week - 1)
            lines.append(f"  {w.theme} :w{w.week}, {start.isoformat()}, 7d")
    lines.append("```")
    return "\n".join(lines)


def exit_criteria_checklist() -> str:
    """Render the exit criteria of every week as a checklist to tick at the weekly review.

    Returns:
        One heading-less block per week: the week and its theme in bold, then one bullet per
        exit criterion (plain bullets: a disabled checkbox has no accessible name).
    """
    blocks = []
    for w in plan():
        items = "\n".join(f"- {criterion}" for criterion in w.exit_criteria)
        blocks.append(f"**Week {w.week}: {w.theme}**\n\n{items}")
    return "\n\n".join(blocks)
