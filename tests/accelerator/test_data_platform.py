import pytest
from pydantic import ValidationError

from accelerator.guidance.data_platform import (
    PlatformFacts,
    data_platform_data,
    examples_table,
    patterns_table,
    recommend_split,
    rules_table,
)
from tests.accelerator.helpers import table_rows

BASE = {"spark_platform": True, "spark_skills": True, "unity_catalog": True}


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (
            {"spark_platform": False, "spark_skills": True, "data_volume": "large"},
            "all-in-azure-ml",
        ),
        (BASE, "train-in-databricks"),
        ({**BASE, "online_serving": True}, "features-in-platform"),
        ({**BASE, "gpu_training": True}, "features-in-platform"),
        ({**BASE, "online_serving": True, "regulatory_lineage": True}, "features-in-platform"),
        ({"spark_platform": True, "data_volume": "large"}, "features-in-platform"),
        ({"spark_platform": True, "spark_skills": True}, "features-in-platform"),
        ({"spark_platform": True}, "all-in-azure-ml"),
        ({"spark_platform": True, "gpu_training": True, "online_serving": True}, "all-in-azure-ml"),
    ],
)
def test_recommend_split(facts, expected):
    assert recommend_split(PlatformFacts(**facts)).pattern.id == expected


def test_every_pattern_is_reachable_and_every_rule_names_known_facts():
    data = data_platform_data()
    assert {r.pattern for r in data.rules} == {p.id for p in data.patterns}
    for rule in data.rules:
        assert set(rule.when) <= set(PlatformFacts.model_fields)
    assert data.rules[-1].when == {}


def test_unknown_fact_is_refused():
    with pytest.raises(ValidationError):
        PlatformFacts(spark_platform=True, uses_snowflake=True)


def test_tables_show_every_pattern_rule_and_example():
    data = data_platform_data()
    assert len(table_rows(patterns_table())) == len(data.patterns)
    assert len(table_rows(rules_table())) == len(data.rules)
    rows = table_rows(examples_table())
    assert len(rows) == len(data.examples)
    motor = next(r for r in rows if r[0].startswith("Contoso Motor"))
    assert motor[1] == "Features in Databricks/Fabric, training in Azure ML"
