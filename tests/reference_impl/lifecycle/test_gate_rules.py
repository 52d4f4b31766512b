"""The promotion rules on their own: floors, the minimum improvement, and the first model."""

from __future__ import annotations

import pytest

from reference_impl.config import load_config
from reference_impl.steps.gate import GateRules, decide

RULES = GateRules(
    metric="roc_auc",
    min_improvement=0.005,
    min_roc_auc=0.75,
    min_recall=0.5,
    max_segment_recall_gap=0.2,
)
GOOD = {"roc_auc": 0.82, "pr_auc": 0.58, "f1": 0.57, "recall": 0.64, "segment_recall_gap": 0.07}


def approved(checks) -> bool:
    return all(check.passed for check in checks)


def failed(checks) -> list[str]:
    return [check.rule for check in checks if not check.passed]


def test_first_model_only_needs_the_floors() -> None:
    checks = decide(GOOD, None, RULES)
    assert approved(checks)
    assert checks[-1].detail == "no champion yet"


@pytest.mark.parametrize(
    "change, rule",
    [({"roc_auc": 0.74}, "roc_auc floor"), ({"recall": 0.1}, "recall floor"),
     ({"segment_recall_gap": 0.3}, "segment recall gap")],
)  # fmt: skip
def test_each_floor_blocks_even_without_a_champion(change: dict, rule: str) -> None:
    assert failed(decide({**GOOD, **change}, None, RULES)) == [rule]


@pytest.mark.parametrize("task", ["binary", "regression"])
def test_without_a_segment_the_segment_rule_says_it_was_not_applied(task: str) -> None:
    """It said "recall gap between segments 0.0000": a gap within one group, never compared."""
    from reference_impl.contract import load_contract
    from reference_impl.modeling.task_metrics import segment_rule
    from reference_impl.steps.gate import NO_SEGMENT

    contract = load_contract().model_copy(update={"task": task, "segment": None})
    assert segment_rule(contract, []) == {}  # evaluation writes no segment figure
    metrics = {"roc_auc": 0.82, "recall": 0.64} if task == "binary" else {"r2": 0.3}
    checks = decide(metrics, None, RULES)
    assert approved(checks)
    assert [(c.rule, c.detail) for c in checks if "segment" in c.rule] == [
        ("segment rule", NO_SEGMENT)
    ]
    with_segment = decide(GOOD, None, RULES)  # a measured gap is checked, not this note
    assert "segment rule" not in [check.rule for check in with_segment]


@pytest.mark.parametrize(
    "champion_auc, promoted",
    [(0.80, True), (0.815, True), (0.8151, False), (0.82, False), (0.9, False)],
)
def test_minimum_improvement_over_the_champion(champion_auc: float, promoted: bool) -> None:
    checks = decide(GOOD, {**GOOD, "roc_auc": champion_auc}, RULES)
    assert approved(checks) is promoted


def test_reasons_carry_the_numbers() -> None:
    checks = decide(GOOD, {**GOOD, "roc_auc": 0.83}, RULES)
    assert (
        checks[-1].detail == "roc_auc 0.8200 vs champion 0.8300: change -0.0100, required +0.0050"
    )


def test_compared_metric_comes_from_configuration() -> None:
    rules = RULES.model_copy(update={"metric": "pr_auc"})
    assert approved(decide(GOOD, {**GOOD, "pr_auc": 0.50, "roc_auc": 0.9}, rules))
    assert load_config("prod").gate.min_improvement > load_config("dev").gate.min_improvement


LOG_LOSS = RULES.model_copy(update={"metric": "log_loss", "direction": "lower"})


@pytest.mark.parametrize(
    "champion_loss, promoted",
    [(0.50, True), (0.455, True), (0.4549, False), (0.45, False), (0.30, False)],
)
def test_an_error_metric_promotes_when_it_falls(champion_loss: float, promoted: bool) -> None:
    challenger = {**GOOD, "log_loss": 0.45}
    checks = decide(challenger, {**GOOD, "log_loss": champion_loss}, LOG_LOSS)
    assert approved(checks) is promoted


def test_an_error_metric_reason_states_the_gain() -> None:
    checks = decide({**GOOD, "log_loss": 0.45}, {**GOOD, "log_loss": 0.40}, LOG_LOSS)
    assert checks[-1].detail == (
        "log_loss 0.4500 vs champion 0.4000: change +0.0500 (lower is better: gain -0.0500), "
        "required +0.0050"
    )


def test_a_worse_challenger_cannot_hold_the_reference_holdout_on_an_error_metric() -> None:
    reference = {"challenger": {"log_loss": 0.47}, "champion": {"log_loss": 0.45}}
    checks = decide({**GOOD, "log_loss": 0.40}, {**GOOD, "log_loss": 0.45}, LOG_LOSS, reference)
    assert failed(checks) == ["holds on reference holdout"]


@pytest.mark.parametrize(
    "metric, direction",
    [("log_loss", "higher"), ("brier", "higher"), ("roc_auc", "lower"), ("pr_auc", "lower")],
)
def test_a_direction_that_contradicts_the_metric_is_a_configuration_error(
    metric: str, direction: str
) -> None:
    with pytest.raises(ValueError, match=f"direction is {direction} but a"):
        GateRules(metric=metric, direction=direction)
