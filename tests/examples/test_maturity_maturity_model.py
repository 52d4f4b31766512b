"""Claims of docs/maturity/maturity-model.md."""

from examples.maturity.maturity_model import next_level


def test_ladder_has_five_levels_and_level_one_aims_for_automated_training(capsys):
    next_level.main()
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines[:5]] == [f"Level {i}" for i in range(5)]
    assert lines[5].startswith("Next for a level-1 team: Automated training")
