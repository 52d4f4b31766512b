"""The first two weeks of an engagement: workshops, attendees, inputs and decisions to record."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table

DECISION_LOG_COLUMNS = ("ID", "Date", "Decision", "Options considered", "Why", "Owner", "Status")


class Workshop(BaseModel):
    """One workshop of the first two weeks.

    Attributes:
        day: Working day from the kick-off (1 to 10).
        week: Week of the plan (1 or 2).
        name: What the workshop is about.
        hours: How long it takes.
        attendees: Who must be in the room.
        inputs: What to collect before the workshop.
        decisions: What must be recorded in the decision log before it ends.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    day: int = Field(ge=1, le=10)
    week: int = Field(ge=1, le=2)
    name: str
    hours: float = Field(gt=0, le=8)
    attendees: tuple[str, ...] = Field(min_length=1)
    inputs: tuple[str, ...] = Field(min_length=1)
    decisions: tuple[str, ...] = Field(min_length=1)


@cache
def workshops() -> tuple[Workshop, ...]:
    """Return the workshops of the first two weeks, in order.

    Returns:
        One workshop per working day.
    """
    return tuple(load_data("engagement", list[Workshop]))


def _week_table(week: int) -> str:
    return markdown_table(
        ["Day", "Workshop", "Who attends", "Collect beforehand", "Decisions to record"],
        [
            (
                w.day,
                f"**{w.name}** ({w.hours:g} h)",
                ", ".join(w.attendees),
                "<br>".join(w.inputs),
                "<br>".join(w.decisions),
            )
            for w in workshops()
            if w.week == week
        ],
    )


def week_one_table() -> str:
    """Render the workshops of week 1.

    Returns:
        One row per workshop: day, name and length, attendees, inputs, decisions.
    """
    return _week_table(1)


def week_two_table() -> str:
    """Render the workshops of week 2.

    Returns:
        One row per workshop: day, name and length, attendees, inputs, decisions.
    """
    return _week_table(2)


def workshop_hours(week: int) -> float:
    """Return the hours of workshops in one of the first two weeks.

    Args:
        week: 1 or 2.

    Returns:
        The sum of the workshop lengths.

    Raises:
        ValueError: If ``week`` is not 1 or 2.
    """
    if week not in (1, 2):
        raise ValueError(f"workshops are planned for weeks 1 and 2, not {week}")
    return sum(w.hours for w in workshops() if w.week == week)


# --8<-- [start:decision-log]
def decision_log_template() -> str:
    """Render a decision log in Markdown, one open row per decision of the first two weeks.

    Returns:
        The template inside a ``~~~markdown`` fence, ready to copy into the project wiki.
    """
    header = "| " + " | ".join(DECISION_LOG_COLUMNS) + " |"
    separator = "| " + " | ".join("---" for _ in DECISION_LOG_COLUMNS) + " |"
    rows = [
        f"| D{number:02d} | day {w.day} | {decision} |  |  |  | open |"
        for number, (w, decision) in enumerate(
            ((w, d) for w in workshops() for d in w.decisions), start=1
        )
    ]
    lines = ["# Decision log: <pilot model>", "", header, separator, *rows]
    return "\n".join(["~~~markdown", *lines, "~~~"])
    # --8<-- [end:decision-log]
