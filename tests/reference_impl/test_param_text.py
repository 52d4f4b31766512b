"""``model.params`` travel to a step as one command-line word and come back as they were."""

from __future__ import annotations

import re
import shlex

import pytest

from reference_impl.config import load_config
from reference_impl.config.overrides import apply_overrides
from reference_impl.config.param_text import NO_PARAMS, params_text, parse_params

VALUES = {
    "mapping-of-classes": {0: 1, 1: 5},
    "mapping-of-class-names": {"high value": 2.5, "stay": 1},
    "list": [16, 8],
    "list-of-lists": [[0, 1], [2, 3]],
    "word-with-a-space": "two words",
    "digits-as-a-word": "100",
    "true-as-a-word": "true",
    "small-float": 1e-05,
    "boolean": True,
    "null": None,
    "empty-list": [],
}


@pytest.mark.parametrize("value", VALUES.values(), ids=VALUES.keys())
def test_a_value_comes_back_with_its_type(value: object) -> None:
    text = params_text({"p": value, "max_iter": 100})
    assert parse_params(text) == {"p": value, "max_iter": 100}
    assert type(parse_params(text)["p"]) is type(value)
    # one word no shell splits, quotes or expands: Azure ML puts it in the command unquoted
    assert shlex.split(text) == [text]
    assert re.fullmatch(r"[\w.+:/=,@-]+", text)


def test_plain_values_stay_readable() -> None:
    params = {"max_iter": 100, "learning_rate": 0.05, "early_stopping": False, "loss": "log_loss"}
    assert params_text(params) == (
        "early_stopping=false,learning_rate=0.05,loss=log_loss,max_iter=100"
    )
    assert params_text({}) == NO_PARAMS
    assert parse_params(NO_PARAMS) == {}


def test_a_set_list_or_mapping_is_taken_as_yaml() -> None:
    config = apply_overrides(
        load_config("dev"),
        ["model.params={}", "model.params.class_weight={0: 1, 1: 5}", "model.params.h=[16, 8]"],
    )
    assert config.model.params == {"class_weight": {0: 1, 1: 5}, "h": [16, 8]}
    assert parse_params(config.model.params_text) == config.model.params
