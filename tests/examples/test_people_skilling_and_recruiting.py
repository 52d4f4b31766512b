"""Claims of docs/people/skilling-and-recruiting.md."""

from examples.people.skilling_and_recruiting import contoso_staffing


def test_contoso_keeps_two_roles_recruits_ml_engineer_and_upskills_three(capsys):
    contoso_staffing.main()
    decisions = [line[20:].strip() for line in capsys.readouterr().out.splitlines()]
    assert decisions == [
        "have",
        "recruit",
        "have",
        "upskill from DevOps engineer",
        "upskill from business analyst",
        "upskill from actuary",
    ]
