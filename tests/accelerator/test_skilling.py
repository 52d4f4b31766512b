import pytest

from accelerator.guidance.organisation import contoso
from accelerator.guidance.roles import roles
from accelerator.guidance.skilling import (
    contoso_staffing_table,
    skilling_path,
    skilling_paths,
    skilling_table,
    staffing_decision,
    staffing_plan,
)
from tests.accelerator.helpers import table_rows


def test_every_role_has_exactly_one_skilling_path():
    assert [p.role for p in skilling_paths()] == [r.id for r in roles()]


CASES = [
    # (role, existing jobs, action, from job)
    ("data-scientist", ["Data Scientist"], "have", None),
    ("ml-engineer", ["software engineer"], "recruit", None),
    ("ml-engineer", [], "recruit", None),
    ("platform-engineer", ["DevOps engineer"], "upskill", "DevOps engineer"),
    ("platform-engineer", ["system administrator", "cloud engineer"], "upskill", "cloud engineer"),
    ("platform-engineer", ["data analyst"], "recruit", None),
    ("model-risk-reviewer", ["actuary"], "upskill", "actuary"),
]


@pytest.mark.parametrize(("role_id", "jobs", "action", "from_job"), CASES)
def test_staffing_decisions(role_id, jobs, action, from_job):
    decision = staffing_decision(role_id, jobs)
    assert (decision.action, decision.from_job) == (action, from_job)
    assert decision.why


def test_recruit_role_mentions_who_can_grow_into_it_later():
    assert "software engineer" in staffing_decision("ml-engineer", ["software engineer"]).why
    assert "grown from" not in staffing_decision("ml-engineer", []).why


def test_upskill_takes_the_paths_weeks_and_keeping_takes_none():
    assert staffing_decision("platform-engineer", ["DevOps engineer"]).weeks == 6
    assert staffing_decision("data-scientist", ["data scientist"]).weeks == 0


def test_unknown_role_has_no_path():
    with pytest.raises(KeyError):
        skilling_path("wizard")


def test_plan_covers_every_role_and_tables_render():
    assert len(staffing_plan(contoso().existing_jobs)) == len(roles())
    assert len(table_rows(skilling_table())) == len(roles())
    rows = table_rows(contoso_staffing_table())
    assert [r[1] for r in rows] == [
        "**have**",
        "**recruit**",
        "**have**",
        "**upskill**",
        "**upskill**",
        "**upskill**",
    ]
