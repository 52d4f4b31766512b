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


CODES = DataContract.model_validate(
    {
        "features": [
            {"name": "region_key", "kind": "category", "categories": ["1", "2", "3"]},
            {"name": "branch", "kind": "category", "categories": ["007", "012"]},
        ],
        "label": "lapsed",
        "id_column": "policy_id",
    }
)
"""Group codes as ``contract infer --segment`` writes a numeric key, and codes with zeros."""


def test_a_category_of_codes_takes_the_json_number_that_writes_one() -> None:
    """A client reading region keys from a table sends ``3``; it was refused as "expected a
    string, got the number 3" for the category ``"3"``."""
    assert rows(CODES, region_key=3, branch="007") == [("3", "007")]
    assert rows(CODES, region_key="3", branch="007") == [("3", "007")]
    for row, message in [
        ({"region_key": 4, "branch": "007"}, "expected a string, got the number 4"),
        ({"region_key": 3.0, "branch": "007"}, "expected a string, got the number 3.0"),
        ({"region_key": 3, "branch": 7}, "expected a string, got the number 7"),  # not "007"
    ]:
        with pytest.raises(RequestError, match=message):
            rows(CODES, **row)


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_only_a_true_false_column_takes_booleans(case: str) -> None:
    row, message = REFUSED[case]
    with pytest.raises(RequestError) as refused:
        rows(**row)
    assert str(refused.value) == message and refused.value.status == 400
