import pytest

from accelerator.guidance.organisation import contoso
from accelerator.guidance.roles import roles
from accelerator.guidance.skilling import (
    STAFFING_RULE_ROWS,
    contoso_staffing_table,
    skilling_path,
    skilling_paths,
    skilling_table,
    staffing_decision,
    staffing_plan,
    staffing_rule_table,
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


JOB_LISTS = [
    (),
    ("data scientist",),
    ("DevOps engineer", "data analyst"),
    ("software engineer", "actuary", "business analyst"),
    ("ML engineer", "software engineer"),
    ("platform engineer", "Data Engineer", "model risk reviewer", "ML product owner"),
    ("BI developer", "risk analyst", "product manager", "system administrator"),
]


@pytest.mark.parametrize("jobs", JOB_LISTS)
def test_every_role_falls_in_one_decision_table_row_with_the_rules_action(jobs):
    for role in roles():
        (row,) = [row for row in STAFFING_RULE_ROWS if row.matches(role.id, jobs)]
        expected = staffing_decision(role.id, jobs).action
        assert staffing_decision(row.role_id, row.jobs).action == expected, (role.id, jobs)


def test_decision_table_shows_the_action_computed_for_each_rows_case():
    rows = table_rows(staffing_rule_table())
    assert [r[3] for r in rows] == [
        f"**{staffing_decision(row.role_id, row.jobs).action}**" for row in STAFFING_RULE_ROWS
    ]
    assert {r[3] for r in rows} == {"**have**", "**recruit**", "**upskill**"}


def test_skilling_table_names_an_active_first_exam_per_role():
    assert [r[4] for r in table_rows(skilling_table())] == [
        "DP-100", "DP-100", "DP-700", "AZ-104", "AI-900", "AI-900",
    ]  # fmt: skip
