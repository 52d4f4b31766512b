import pytest

from accelerator.guidance.operating_models import (
    operating_model,
    operating_model_examples_table,
    operating_models,
    operating_models_table,
    recommend_operating_model,
)
from accelerator.guidance.organisation import organisations
from tests.accelerator.helpers import org, table_rows

CASES = [
    # (units, central platform team, expected)
    ([("Only", 20, "westeurope")], False, "centralised"),
    ([("A", 3, "westeurope"), ("B", 3, "westeurope")], True, "centralised"),
    ([("A", 4, "westeurope"), ("B", 3, "westeurope")], True, "hub-and-spoke"),
    ([("A", 12, "westeurope"), ("B", 8, "westeurope")], False, "federated"),
    ([("A", 12, "westeurope"), ("B", 7, "westeurope")], False, "hub-and-spoke"),
    ([("A", 12, "westeurope"), ("B", 9, "westeurope")], True, "hub-and-spoke"),
]


@pytest.mark.parametrize(("units", "central", "expected"), CASES)
def test_recommendation_table(units, central, expected):
    choice = recommend_operating_model(org(units, central_platform_team=central))
    assert choice.model.id == expected
    assert choice.reason


def test_the_three_models_are_in_the_data_in_order():
    assert [m.id for m in operating_models()] == ["centralised", "hub-and-spoke", "federated"]


def test_unknown_model_is_a_key_error():
    with pytest.raises(KeyError):
        operating_model("matrix")


def test_tables_have_one_row_per_model_and_per_example():
    assert [r[0] for r in table_rows(operating_models_table())] == [
        "**Centralised**",
        "**Hub and spoke**",
        "**Federated**",
    ]
    rows = table_rows(operating_model_examples_table())
    assert [r[0] for r in rows] == [o.name for o in organisations()]
    assert rows[0][4] == "**Hub and spoke**"
