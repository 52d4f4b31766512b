"""Claims of docs/getting-started/twelve-week-plan.md."""

from accelerator.guidance.plan import plan
from examples.getting_started.twelve_week_plan import due_by_week


def test_twelve_weeks_and_deliverables_of_weeks_one_to_six(capsys):
    due_by_week.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "12 weeks; due by the end of week 6:"
    expected = sum(len(week.deliverables) for week in plan()[:6])
    assert len(lines) - 1 == expected
    assert lines[1].endswith("(maturity/self-assessment.md)")
