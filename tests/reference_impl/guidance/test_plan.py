import re

import pytest

from reference_impl.guidance.plan import due_by, plan, plan_table
from tests.reference_impl.guidance.helpers import DOCS, nav_sources, table_rows


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
