"""The workflow triggers implement the branching strategy of the Process chapter.

``accelerator.guidance.branching.workflows_for(event, branch)`` says which workflows a push
to a branch, or a pull request into it, starts. Each GitHub workflow and Azure DevOps pipeline
is named after the workflow it implements (file stem == branching name), so the expected set
can be compared with what the triggers would really start.
"""

from __future__ import annotations

import pytest

from accelerator.guidance.branching import branch_rules, workflows_for
from tests.platform import checks

INFRA_PREFIX = "reference_impl/infra/"
EVENTS = ("push", "pull_request")


def branching_names() -> set[str]:
    return {name for rule in branch_rules() for name in (*rule.on_push, *rule.on_pull_request)}


def sample_branches() -> list[str]:
    """A branch for every rule (``*`` filled in, also nested) plus branches no rule names."""
    branches = {"main", "release/1.0", "hotfix/urgent", "fix-typo", "mainline"}
    for rule in branch_rules():
        branches.add(rule.branch.replace("*", "example"))
        branches.add(rule.branch.replace("*", "team/example"))
    return sorted(branches)


def github_workflows() -> dict[str, dict]:
    return {path.stem: checks.load_yaml(path) for path in checks.GITHUB_WORKFLOWS}


def ado_pipelines() -> dict[str, dict]:
    return {path.stem: checks.load_yaml(path) for path in checks.ADO_PIPELINES}


def test_each_github_workflow_is_named_after_its_file():
    for stem, workflow in github_workflows().items():
        assert workflow["name"] == stem


def test_every_workflow_of_the_branching_strategy_exists_on_both_platforms():
    assert branching_names() <= set(github_workflows())
    assert branching_names() <= set(ado_pipelines())


@pytest.mark.parametrize("event", EVENTS)
@pytest.mark.parametrize("branch", sample_branches())
def test_github_triggers_start_exactly_the_workflows_the_strategy_names(event, branch):
    started = {
        name
        for name, workflow in github_workflows().items()
        if name in branching_names() and checks.github_starts(workflow, event, branch)
    }
    assert started == set(workflows_for(event, branch))


@pytest.mark.parametrize("event", EVENTS)
@pytest.mark.parametrize("branch", sample_branches())
def test_azure_devops_triggers_start_exactly_the_pipelines_the_strategy_names(event, branch):
    started = {
        name
        for name, pipeline in ado_pipelines().items()
        if name in branching_names() and checks.ado_starts(pipeline, event, branch)
    }
    assert started == set(workflows_for(event, branch))


def test_other_github_workflows_start_only_by_hand_schedule_call_or_infra_changes():
    for name, workflow in github_workflows().items():
        if name in branching_names():
            continue
        git_events = {"push", "pull_request", "pull_request_target"} & set(workflow["on"])
        if git_events:
            assert "pull_request_target" not in git_events, name
            assert checks.github_path_filtered(workflow, INFRA_PREFIX), name
        else:
            assert set(workflow["on"]) <= {"workflow_dispatch", "workflow_call", "schedule"}, name


def test_other_azure_devops_pipelines_start_only_by_hand_schedule_or_infra_changes():
    for name, pipeline in ado_pipelines().items():
        if name in branching_names():
            continue
        if pipeline["trigger"] == "none" and pipeline["pr"] == "none":
            continue
        assert checks.ado_path_filtered(pipeline, INFRA_PREFIX), name


# --------------------------------------------------------------------------- the matchers


@pytest.mark.parametrize(
    ("pattern", "branch", "expected"),
    [
        ("main", "main", True),
        ("main", "mainline", False),
        ("feature/*", "feature/x", True),
        ("feature/*", "feature/a/b", False),
        ("feature/**", "feature/a/b", True),
        ("feature/**", "features/x", False),
    ],
)
def test_github_branch_filters_follow_github_glob_rules(pattern, branch, expected):
    assert checks.github_branch_matches(pattern, branch) is expected


def test_unmodelled_github_filter_syntax_is_refused():
    with pytest.raises(ValueError, match="unsupported"):
        checks.github_branch_matches("release/v[0-9]", "release/v1")
    with pytest.raises(ValueError, match="branches-ignore"):
        checks.github_starts({"on": {"push": {"branches-ignore": ["x"]}}}, "push", "main")


def test_trigger_readers_handle_the_short_forms():
    assert checks.github_starts({"on": "push"}, "push", "anything")
    assert checks.github_starts({"on": ["push", "pull_request"]}, "pull_request", "x")
    assert not checks.github_starts({"on": {"workflow_dispatch": None}}, "push", "main")
    # Azure Pipelines: a missing trigger means every branch; "none" means none.
    assert checks.ado_starts({}, "push", "any/branch")
    assert not checks.ado_starts({"trigger": "none"}, "push", "main")
    assert checks.ado_starts({"trigger": ["main"]}, "push", "main")
    assert checks.ado_starts(
        {"pr": {"branches": {"include": ["feature/*"]}}}, "pull_request", "feature/a/b"
    )


def test_a_planted_trigger_drift_is_caught():
    drifted = {"on": {"push": {"branches": ["main", "release/*"]}}}
    assert checks.github_starts(drifted, "push", "release/1.0")
    assert "lint-and-unit-tests" not in workflows_for("push", "release/1.0")
    assert not checks.github_path_filtered({"on": {"push": {"branches": ["main"]}}}, INFRA_PREFIX)
    assert not checks.ado_path_filtered(
        {"trigger": {"branches": {"include": ["main"]}}}, INFRA_PREFIX
    )
