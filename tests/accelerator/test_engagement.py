import re

import pytest

from accelerator.guidance.engagement import (
    DECISION_LOG_COLUMNS,
    decision_log_template,
    week_one_table,
    week_two_table,
    workshop_hours,
    workshops,
)
from tests.accelerator.helpers import table_rows


def test_one_workshop_per_working_day_five_in_each_week():
    assert [w.day for w in workshops()] == list(range(1, 11))
    assert [w.week for w in workshops()] == [1] * 5 + [2] * 5


def test_week_tables_hold_their_weeks_workshops_in_day_order():
    assert [int(r[0]) for r in table_rows(week_one_table())] == [1, 2, 3, 4, 5]
    assert [int(r[0]) for r in table_rows(week_two_table())] == [6, 7, 8, 9, 10]
    first = table_rows(week_one_table())[0]
    assert first[1] == f"**{workshops()[0].name}** (3 h)"
    assert first[4] == "<br>".join(workshops()[0].decisions)


def test_workshops_leave_most_of_the_week_for_the_work():
    # A 40-hour week: workshops must leave at least two thirds of it for preparing and doing.
    for week in (1, 2):
        assert 0 < workshop_hours(week) <= 40 / 3
    with pytest.raises(ValueError, match="weeks 1 and 2, not 3"):
        workshop_hours(3)


def test_decision_log_has_one_open_row_per_decision_in_a_markdown_fence():
    template = decision_log_template()
    lines = template.splitlines()
    assert lines[0] == "~~~markdown" and lines[-1] == "~~~"
    assert "`" not in template  # a backtick fence inside would break the page's fences
    table = "\n".join(line for line in lines if line.startswith("|"))
    rows = table_rows(table)
    decisions = [d for w in workshops() for d in w.decisions]
    assert [r[2] for r in rows] == decisions
    assert [r[0] for r in rows] == [f"D{n:02d}" for n in range(1, len(decisions) + 1)]
    assert all(len(r) == len(DECISION_LOG_COLUMNS) and r[-1] == "open" for r in rows)
    assert re.match(r"\| ID \| Date \| Decision \|", table)


def test_every_planned_decision_also_closes_a_week_in_the_plan():
    # The plan's exit criteria for weeks 1 and 2 require the decision log to be complete.
    from accelerator.guidance.plan import plan

    closing = " ".join(c for w in plan()[:2] for c in w.exit_criteria)
    assert "decision log" in closing
    assert "risk tier" in closing
