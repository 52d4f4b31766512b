"""Request checks that need no server: what a contract's features accept as JSON."""

from __future__ import annotations

import json

import pytest

from reference_impl.contract import DataContract
from reference_impl.scoring.request import RequestError, RequestParser

# a true/false column as `contract infer` describes it, beside an ordinary category
CONTRACT = DataContract.model_validate(
    {
        "features": [
            {"name": "smoker", "kind": "category", "categories": ["False", "True"]},
            {"name": "channel", "kind": "category", "categories": ["agent", "web"]},
        ],
        "label": "lapsed",
        "id_column": "policy_id",
    }
)


# the same column, inferred from a CSV that Spark wrote
SPARK_SMOKER = CONTRACT.features[0].model_copy(update={"categories": ("false", "true")})
SPARK_CONTRACT = CONTRACT.model_copy(update={"features": (SPARK_SMOKER, CONTRACT.features[1])})


def rows(contract: DataContract = CONTRACT, **row: object) -> list[tuple]:
    return RequestParser(contract).rows(json.dumps({"data": [row]}))


def test_a_true_false_column_takes_json_booleans_as_batch_takes_parquet_booleans() -> None:
    """``{"smoker": true}`` was refused ("expected a string, got true") although batch scoring
    of a Parquet boolean column accepted the same values."""
    assert rows(smoker=True, channel="web") == [("True", "web")]
    assert rows(smoker=False, channel="web") == [("False", "web")]
    assert rows(smoker="True", channel="web") == [("True", "web")]  # the text still works


@pytest.mark.parametrize("sent", [True, "true", "TRUE", "True"])
def test_any_spelling_of_true_becomes_the_contracts_own(sent: object) -> None:
    """``"true"`` was refused for categories False/True, and JSON ``true`` for false/true
    (a contract inferred from a Spark CSV); the model gets the spelling it was trained on."""
    assert rows(smoker=sent, channel="web") == [("True", "web")]
    assert rows(SPARK_CONTRACT, smoker=sent, channel="web") == [("true", "web")]


REFUSED = {
    "boolean-for-another-category": (
        {"smoker": True, "channel": True},
        "row 0, field 'channel': expected a string, got true",
    ),
    "number-for-true-false": (
        {"smoker": 1, "channel": "web"},
        "row 0, field 'smoker': expected a string, got the number 1",
    ),
    "other-text-for-true-false": (
        {"smoker": "yes", "channel": "web"},
        "row 0, field 'smoker': 'yes' is not one of False, True",
    ),
    "another-category-in-other-case": (
        {"smoker": True, "channel": "WEB"},
        "row 0, field 'channel': 'WEB' is not one of agent, web",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_only_a_true_false_column_takes_booleans(case: str) -> None:
    row, message = REFUSED[case]
    with pytest.raises(RequestError) as refused:
        rows(**row)
    assert str(refused.value) == message and refused.value.status == 400
