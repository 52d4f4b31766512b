"""Claims of docs/process/starting-a-project.md."""

from examples.process.starting_a_project import check_new_repo


def test_contoso_repo_has_level_one_and_lacks_five_level_two_items(capsys):
    check_new_repo.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Up to level 1: missing nothing"
    level_two = lines[1].split("missing ")[1].split(", ")
    assert level_two == [
        "environment-config",
        "training-pipeline",
        "data-contract",
        "ci-workflow",
        "codeowners",
    ]
    assert lines[2].endswith("scoring-script, model-card, monitoring-config")
