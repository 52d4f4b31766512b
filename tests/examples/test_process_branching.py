"""Claims of docs/process/branching.md."""

from examples.process.branching import workflows_for_branch


def test_merging_to_main_trains_in_dev_and_feature_pushes_only_test(capsys):
    workflows_for_branch.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("-> lint-and-unit-tests")
    assert "doc-tests" in lines[1]
    assert lines[2].endswith("train-in-dev")


def test_model_versions_carry_lineage_tags_and_laptop_runs_are_refused(capsys):
    from examples.process.branching import lineage_tags

    lineage_tags.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == [
        "git_commit = 3f9c2ab",
        "data_asset = motor-policies:14",
        "training_run = motor-churn-train-0412",
    ]
    assert lines[3] == "rejected: not a Git commit SHA: 'my-laptop'"
