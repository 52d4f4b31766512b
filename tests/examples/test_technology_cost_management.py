"""Claims of docs/technology/cost-management.md."""

from examples.technology.cost_management import cost_check


def test_dev_is_clean_warm_variant_is_caught_and_low_effort_levers_come_first(capsys):
    cost_check.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "dev findings: none"
    assert "2 node(s) kept running while idle" in lines[1]
    assert "idle nodes kept 3600 s" in lines[1]
    efforts = [line.split("]")[0].lstrip("[") for line in lines[2:]]
    assert efforts == sorted(efforts, key=lambda effort: effort != "low")
    assert len(efforts) >= 3
