import re

import pytest

from accelerator.guidance.plan import due_by, exit_criteria_checklist, plan, plan_gantt, plan_table
from tests.accelerator.helpers import DOCS, nav_sources, table_rows


def test_weeks_are_contiguous_from_one_and_ten_to_twelve_long():
    weeks = [w.week for w in plan()]
    assert weeks == list(range(1, len(weeks) + 1))
    assert 10 <= len(weeks) <= 12


@pytest.mark.parametrize("week", plan(), ids=lambda w: f"week-{w.week}")
def test_every_deliverable_links_to_an_existing_page_in_the_navigation(week):
    for deliverable in week.deliverables:
        assert (DOCS / deliverable.page).is_file(), deliverable.page
        assert deliverable.page in nav_sources(), deliverable.page


def test_due_by_accumulates_and_checks_bounds():
    assert len(due_by(1)) == len(plan()[0].deliverables)
    assert len(due_by(len(plan()))) == sum(len(w.deliverables) for w in plan())
    for bad in (0, len(plan()) + 1):
        with pytest.raises(ValueError, match="the plan has weeks"):
            due_by(bad)


def test_table_has_a_row_per_week_and_relative_links():
    rows = table_rows(plan_table())
    assert [int(r[0]) for r in rows] == [w.week for w in plan()]
    links = re.findall(r"\]\(([^)]+)\)", plan_table())
    assert links and all(link.startswith("../") for link in links)


def test_the_timeline_has_one_bar_per_week_under_its_track():
    gantt = plan_gantt()
    assert gantt.startswith("```mermaid\ngantt\n  accTitle: ") and gantt.endswith("```")
    bars = re.findall(r"^  (.+?) :w(\d+), (\d{4}-\d{2}-\d{2}), 7d$", gantt, re.MULTILINE)
    assert sorted(int(n) for _, n, _ in bars) == [w.week for w in plan()]
    sections = re.split(r"^  section ", gantt, flags=re.MULTILINE)[1:]
    for week in plan():
        (section,) = [s for s in sections if f":w{week.week}," in s]
        assert section.startswith(week.track + "\n")
        assert f"  {week.theme} :w{week.week}," in section
    starts = [start for _, _, start in sorted(bars, key=lambda bar: int(bar[1]))]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


def test_themes_cannot_break_the_timeline_syntax():
    # A colon or hash in a gantt task name ends the name early in mermaid.
    assert [w.theme for w in plan() if ":" in w.theme or "#" in w.theme] == []


def test_exit_criteria_checklist_lists_every_weeks_criteria_in_order():
    checklist = exit_criteria_checklist()
    headings = re.findall(r"^\*\*Week (\d+): (.+)\*\*$", checklist, re.MULTILINE)
    assert headings == [(str(w.week), w.theme) for w in plan()]
    items = re.findall(r"^- (.+)$", checklist, re.MULTILINE)
    assert items == [c for w in plan() for c in w.exit_criteria]
    assert "[ ]" not in checklist  # no disabled checkboxes: they have no accessible name


def test_each_week_is_closed_by_at_least_one_criterion_and_weeks_one_and_two_by_three():
    assert all(w.exit_criteria for w in plan())
    assert len(plan()[0].exit_criteria) >= 3 and len(plan()[1].exit_criteria) >= 3
