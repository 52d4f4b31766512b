"""Every registered version carries its gate decision and lineage (commit, pipeline run, data)."""

from __future__ import annotations

import pytest

from reference_impl.lineage import (
    LINEAGE_TAGS,
    GateRefused,
    gate_problem,
    git_commit,
    lineage_tags,
    require_gate_evidence,
)
from tests.reference_impl.identity import MODEL
from tests.reference_impl.lifecycle.conftest import ROOT, Lifecycle, registry_state


def test_every_registered_version_carries_lineage(lifecycle: Lifecycle) -> None:
    from mlflow import MlflowClient

    registry_state(lifecycle.workdir)  # points MLflow at the workdir
    client = MlflowClient()
    for version in client.search_model_versions(f"name='{MODEL}'"):
        tags = version.tags
        assert set(LINEAGE_TAGS) <= set(tags), version.version
        parent = client.get_run(client.get_run(version.run_id).data.tags["mlflow.parentRunId"])
        assert tags["pipeline_run"] == parent.info.run_id  # the local pipeline run
        assert tags["data"] == parent.data.tags["raw_data"]  # the CSV it was trained on
        assert tags["data"].endswith(".csv")
        # The commit the code ran from: the CI's variable or the checkout's HEAD; a project
        # copied but not yet under git says "unknown" rather than inventing one.
        assert tags["git_commit"] == git_commit()
        # Versions the gate rejected say so and are refused; approved ones pass, once their
        # commit is known (a copy not yet under git cannot be traced, so it is refused too).
        problem = gate_problem(MODEL, version.version, tags)
        traced = tags["git_commit"] != "unknown"
        assert (problem is None) == (tags["gate"] == "approved" and traced), problem
        if tags["gate"] == "approved" and not traced:
            assert problem and "lacks lineage tag(s) git_commit" in problem


def test_lineage_comes_from_the_job_environment_first() -> None:
    env = {"LINEAGE_GIT_COMMIT": "abc1234", "LINEAGE_PIPELINE_RUN": "job-7",
           "LINEAGE_DATA": "azureml:customers:4"}  # fmt: skip
    assert lineage_tags({"raw_data": "x.csv"}, parent_run_id="r1", environ=env) == {
        "git_commit": "abc1234",
        "pipeline_run": "job-7",
        "data": "azureml:customers:4",
    }
    ci = lineage_tags({"raw_data": "x.csv"}, parent_run_id="r1", environ={"GITHUB_SHA": "f" * 40})
    assert ci == {"git_commit": "f" * 40, "pipeline_run": "r1", "data": "x.csv"}


def test_git_commit_falls_back_to_the_repository() -> None:
    import subprocess

    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()
    if not head:
        pytest.skip("the project is not a git checkout here")
    assert lineage_tags(environ={})["git_commit"] == head
    assert lineage_tags(environ={})["data"] == "unknown"


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        ({"gate": "rejected"}, "m:2 was rejected by the gate (tag gate=rejected)"),
        ({}, "m:2 carries no gate evidence (tag gate is missing)"),
        ({"gate": "maybe"}, "m:2 carries no gate evidence (tag gate is 'maybe')"),
        ({"gate": "approved", "git_commit": "a", "pipeline_run": "r"}, "lacks lineage tag(s) data"),
    ],
)
def test_gate_evidence_rules(tags: dict[str, str], message: str) -> None:
    with pytest.raises(GateRefused, match=message.replace("(", r"\(").replace(")", r"\)")):
        require_gate_evidence("m", "2", tags)
