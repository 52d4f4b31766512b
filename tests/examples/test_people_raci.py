"""Claims of docs/people/raci.md."""

from examples.people.raci import accountable_for


def test_product_owner_approves_and_ml_engineer_deploys_and_responds(capsys):
    accountable_for.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith(": ML product owner")
    assert lines[1].endswith(": ML engineer")
    assert lines[2].endswith(": ML engineer")
    assert lines[3] == "Data scientist is accountable for: experiment"
    assert lines[4].startswith("Data scientist does the work in:")
