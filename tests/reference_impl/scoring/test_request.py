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


def rows(**row: object) -> list[tuple]:
    return RequestParser(CONTRACT).rows(json.dumps({"data": [row]}))


def test_a_true_false_column_takes_json_booleans_as_batch_takes_parquet_booleans() -> None:
    """``{"smoker": true}`` was refused ("expected a string, got true") although batch scoring
    of a Parquet boolean column accepted the same values."""
    assert rows(smoker=True, channel="web") == [("True", "web")]
    assert rows(smoker=False, channel="web") == [("False", "web")]
    assert rows(smoker="True", channel="web") == [("True", "web")]  # the text still works


REFUSED = {
    "boolean-for-another-category": (
        {"smoker": True, "channel": True},
        "row 0, field 'channel': expected a string, got true",
    ),
    "number-for-true-false": (
        {"smoker": 1, "channel": "web"},
        "row 0, field 'smoker': expected a string, got the number 1",
    ),
    "lower-case-text": (
        {"smoker": "true", "channel": "web"},
        "row 0, field 'smoker': 'true' is not one of False, True",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_only_a_true_false_column_takes_booleans(case: str) -> None:
    row, message = REFUSED[case]
    with pytest.raises(RequestError) as refused:
        rows(**row)
    assert str(refused.value) == message and refused.value.status == 400
