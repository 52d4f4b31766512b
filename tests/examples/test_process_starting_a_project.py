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


def test_generated_project_tree_lists_the_inclusions(capsys):
    from examples.process.starting_a_project import generated_tree

    generated_tree.main()
    lines = capsys.readouterr().out.splitlines()
    for entry in ("README.md", "pyproject.toml", "CODEOWNERS", "churn_prediction/", "infra/"):
        assert entry in lines
    assert "  lint-and-unit-tests.yml" not in lines  # depth 2 stops at .github/workflows/
