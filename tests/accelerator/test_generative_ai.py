"""The generative AI decision: platform rule, its table, and the data's shape."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from accelerator.guidance.generative_ai import (
    GenAiWorkload,
    applies_table,
    changes_table,
    genai_data,
    platform_table,
    recommend_platform,
)
from tests.accelerator.helpers import table_rows


@pytest.mark.parametrize(
    ("kwargs", "platform"),
    [
        ({"model_source": "hosted-api"}, "Microsoft Foundry"),
        ({"model_source": "hosted-api", "agent": True}, "Microsoft Foundry"),
        ({"model_source": "hosted-api", "fine_tune": "hosted"}, "Microsoft Foundry"),
        ({"model_source": "open-weights"}, "Microsoft Foundry"),
        ({"model_source": "open-weights", "fine_tune": "own-gpus"}, "Azure Machine Learning"),
        (
            {"model_source": "open-weights", "fine_tune": "own-gpus", "agent": True},
            "Azure Machine Learning",
        ),
        ({"model_source": "own-model"}, "Azure Machine Learning"),
    ],
)
def test_platform_rule(kwargs, platform):
    choice = recommend_platform(GenAiWorkload(**kwargs))
    assert choice.platform == platform
    assert choice.reason


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"model_source": "hosted-api", "fine_tune": "own-gpus"}, "own-gpus"),
        ({"model_source": "own-model", "agent": True}, "own-model"),
        ({"model_source": "api"}, "model_source"),
    ],
)
def test_inconsistent_workloads_are_refused_naming_the_field(kwargs, field):
    with pytest.raises(ValidationError, match=field):
        GenAiWorkload(**kwargs)


def test_platform_table_is_computed_by_the_rule():
    rows = table_rows(platform_table())
    assert len(rows) == len(genai_data().cases)
    for row, case in zip(rows, genai_data().cases, strict=True):
        assert row[1] == f"**{recommend_platform(case.workload).platform}**"
    assert {r[1] for r in rows} == {"**Microsoft Foundry**", "**Azure Machine Learning**"}


def test_change_and_applies_tables_cover_the_data():
    assert len(table_rows(changes_table())) == len(genai_data().changes)
    rows = table_rows(applies_table())
    assert len(rows) == len(genai_data().applies)
    assert {"as is", "adapted", "replaced"} <= {r[1] for r in rows}
    aspects = " ".join(c.aspect for c in genai_data().changes).lower()
    for topic in ["good", "versioned", "safety", "cost"]:
        assert topic in aspects
