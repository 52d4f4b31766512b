import itertools

import pytest

from accelerator.guidance.operating_models import (
    RULE_ROWS,
    operating_model,
    operating_model_examples_table,
    operating_model_rule_table,
    operating_models,
    operating_models_table,
    recommend_operating_model,
    rule_row,
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


# Every organisation shape the rule can meet: 1 to 3 units of sizes around both thresholds,
# with and without a shared platform team.
SIZES = (0, 1, 2, 3, 5, 6, 7, 8, 9, 14)
SHAPES = [
    (sizes, team)
    for n in (1, 2, 3)
    for sizes in itertools.product(SIZES, repeat=n)
    for team in (True, False)
]


def test_every_shape_falls_in_one_row_whose_answer_is_the_rules_answer():
    reached = set()
    for sizes, team in SHAPES:
        organisation = org(
            [(f"U{i}", size, "westeurope") for i, size in enumerate(sizes)],
            central_platform_team=team,
        )
        row = rule_row(organisation)
        reached.add(row)
        assert recommend_operating_model(row.example).model == (
            recommend_operating_model(organisation).model
        ), (sizes, team)
    assert reached == set(RULE_ROWS)


def test_decision_table_shows_each_rows_computed_answer():
    rows = table_rows(operating_model_rule_table())
    assert len(rows) == len(RULE_ROWS)
    for cells, row in zip(rows, RULE_ROWS, strict=True):
        assert cells[4] == f"**{recommend_operating_model(row.example).model.name}**"
    assert {cells[4] for cells in rows} == {f"**{m.name}**" for m in operating_models()}


def test_a_table_with_overlapping_rows_is_refused():
    both = org([("A", 8, "westeurope"), ("B", 8, "westeurope")], central_platform_team=True)
    overlapping = (*RULE_ROWS, RULE_ROWS[2])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("accelerator.guidance.operating_models.RULE_ROWS", overlapping)
        with pytest.raises(ValueError, match="matches 2 rows"):
            rule_row(both)
