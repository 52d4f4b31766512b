import pytest

from accelerator.guidance.branching import branch_rules, branching_table, workflows_for
from accelerator.guidance.version_flow import (
    LINEAGE_TAGS,
    lineage_tags,
    version_flow,
    version_flow_table,
)
from tests.accelerator.helpers import table_rows


def test_existing_branching_behaviour_is_kept():
    assert workflows_for("push", "main") == ("lint-and-unit-tests", "train-in-dev")
    assert workflows_for("push", "feature/x") == ("lint-and-unit-tests",)
    assert workflows_for("pull_request", "main") == ("lint-and-unit-tests", "doc-tests")
    assert workflows_for("push", "dev") == ()


def test_only_main_is_permanent():
    assert [r.branch for r in branch_rules() if r.lifetime == "permanent"] == ["main"]


def test_branching_table_shows_lifetime_and_merge_rule():
    rows = table_rows(branching_table())
    assert len(rows) == len(branch_rules())
    assert rows[1][:3] == ["`main`", branch_rules()[1].purpose, "permanent"]


def test_every_artefact_is_described_once():
    assert [f.artefact for f in version_flow()] == [
        "code",
        "data",
        "environment",
        "model",
        "deployment",
    ]
    assert len(table_rows(version_flow_table())) == 5


def test_lineage_tags_are_complete():
    tags = lineage_tags("a" * 40, "motor-policies", 3, "job-1")
    assert tuple(tags) == LINEAGE_TAGS
    assert tags["data_asset"] == "motor-policies:3"


@pytest.mark.parametrize(
    ("commit", "asset", "version", "run", "message"),
    [
        ("abc", "motor", 1, "run", "not a Git commit SHA"),
        ("ABCDEF0", "motor", 1, "run", "not a Git commit SHA"),
        ("abcdef0", "motor policies", 1, "run", "not a data asset version"),
        ("abcdef0", "motor", 0, "run", "not a data asset version"),
        ("abcdef0", "motor", 1, "  ", "training_run must name"),
    ],
)
def test_lineage_tags_refuse_lineage_that_leads_nowhere(commit, asset, version, run, message):
    with pytest.raises(ValueError, match=message):
        lineage_tags(commit, asset, version, run)
