import pytest

from accelerator.guidance.project_checklist import (
    missing_inclusions,
    project_checklist,
    project_checklist_table,
)
from accelerator.guidance.roles import role_ids
from tests.accelerator.helpers import table_rows

COMPLETE = [
    "README.md",
    "pyproject.toml",
    "uv.lock",
    ".gitignore",
    "tests/test_features.py",
    "config/dev.yaml",
    "src/churn/pipeline.py",
    "src/churn/schema.py",
    ".github/workflows/ci.yml",
    ".github/CODEOWNERS",
    "src/churn/score.py",
    "docs/model-card.md",
    "config/monitoring.yaml",
]


def test_ids_unique_owners_known_and_sorted_by_level():
    items = project_checklist()
    assert len({i.id for i in items}) == len(items)
    assert {i.owner for i in items} <= role_ids()
    assert [i.level for i in items] == sorted(i.level for i in items)


def test_a_complete_repository_misses_nothing():
    assert missing_inclusions(COMPLETE) == ()


@pytest.mark.parametrize("index", range(len(COMPLETE)))
def test_removing_any_file_is_noticed(index):
    files = COMPLETE[:index] + COMPLETE[index + 1 :]
    assert len(missing_inclusions(files)) == 1


def test_level_filter_and_alternative_patterns():
    assert [i.id for i in missing_inclusions([], up_to_level=1)] == [
        "readme",
        "package",
        "lockfile",
        "unit-tests",
        "gitignore",
    ]
    nested = ["reference_impl/config/dev.yaml", "azure-pipelines.yml", "requirements.lock"]
    missing = {i.id for i in missing_inclusions(nested, up_to_level=2)}
    assert not missing & {"environment-config", "ci-workflow", "lockfile"}


def test_table_has_one_row_per_inclusion():
    rows = table_rows(project_checklist_table())
    assert len(rows) == len(project_checklist())
    assert rows[0][3] == "Data scientist"
