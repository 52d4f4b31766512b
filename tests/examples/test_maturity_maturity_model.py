"""Claims of docs/maturity/maturity-model.md."""

from examples.maturity.maturity_model import next_level


def test_ladder_has_five_levels_and_level_one_aims_for_automated_training(capsys):
    next_level.main()
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines[:5]] == [f"Level {i}" for i in range(5)]
    assert lines[5].startswith("Next for a level-1 team: Automated training")


def test_contoso_is_held_at_level_zero_by_model_release(capsys):
    from examples.maturity.maturity_model import contoso_gaps

    contoso_gaps.main()
    lines = capsys.readouterr().out.splitlines()
    levels = {line[:25].strip(): line.split()[-1] for line in lines[:4]}
    assert levels == {
        "People": "1",
        "Model creation": "1",
        "Model release": "0",
        "Application integration": "1",
    }
    assert lines[4] == "Overall level: 0"
    assert lines[5] == "-> level 1 in Model release: read process/handover.md"
