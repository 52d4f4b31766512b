"""Claims of docs/process/branching.md."""

from examples.process.branching import workflows_for_branch


def test_merging_to_main_trains_in_dev_and_feature_pushes_only_test(capsys):
    workflows_for_branch.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("-> lint-and-unit-tests")
    assert "doc-tests" in lines[1]
    assert lines[2].endswith("train-in-dev")
