import pytest

from accelerator.guidance.feature_store import (
    FeatureFacts,
    feature_store_data,
    options_table,
    place_features,
    rules_table,
    skew_table,
)
from tests.accelerator.helpers import table_rows


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({}, "in-model"),
        ({"online_lookup": True}, "in-model"),
        ({"shared_across_models": True}, "in-model"),
        ({"shared_across_models": True, "online_lookup": True}, "managed-feature-store"),
        ({"shared_across_models": True, "point_in_time_joins": True}, "managed-feature-store"),
        ({"data_team_owns_features": True}, "platform-tables"),
        (
            {"data_team_owns_features": True, "shared_across_models": True, "online_lookup": True},
            "managed-feature-store",
        ),
    ],
)
def test_place_features(facts, expected):
    assert place_features(FeatureFacts(**facts)).option.id == expected


def test_every_option_is_reachable():
    data = feature_store_data()
    assert {r.option for r in data.rules} == {o.id for o in data.options}


def test_tables():
    data = feature_store_data()
    assert len(table_rows(options_table())) == len(data.options)
    assert table_rows(rules_table())[-1][1] == "anything else"
    assert len(table_rows(skew_table())) == len(data.skew)
