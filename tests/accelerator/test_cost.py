import pytest

from accelerator.guidance.cost import (
    MAX_IDLE_SECONDS,
    cost_findings,
    cost_levers,
    cost_levers_table,
    levers_for,
    shipped_config_cost_table,
)
from reference_impl.config import ENVIRONMENTS, load_config
from tests.accelerator.helpers import table_rows


def with_compute(env, **changes):
    config = load_config(env)
    return config.model_copy(update={"compute": config.compute.model_copy(update=changes)})


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_shipped_configs_waste_nothing(env):
    assert cost_findings(load_config(env)) == []


@pytest.mark.parametrize(
    ("env", "changes", "n"),
    [
        ("dev", {"min_instances": 1}, 1),
        ("test", {"min_instances": 1}, 1),
        ("prod", {"min_instances": 1}, 0),
        ("prod", {"idle_seconds": MAX_IDLE_SECONDS + 1}, 1),
        ("dev", {"idle_seconds": MAX_IDLE_SECONDS}, 0),
        ("dev", {"min_instances": 2, "idle_seconds": 7200}, 2),
    ],
)
def test_findings(env, changes, n):
    assert len(cost_findings(with_compute(env, **changes))) == n


def test_levers_for_a_kind_are_filtered_and_low_effort_first():
    online = levers_for("online-inference")
    assert online and all("online-inference" in lever.applies_to for lever in online)
    efforts = [lever.effort for lever in online]
    assert efforts == sorted(efforts, key=lambda e: e != "low")
    assert "early-termination" in {lever.id for lever in levers_for("tuning")}
    assert "early-termination" not in {lever.id for lever in online}


def test_tables():
    assert len(table_rows(cost_levers_table())) == len(cost_levers())
    rows = table_rows(shipped_config_cost_table())
    assert [r[0] for r in rows] == list(ENVIRONMENTS)
    assert {r[-1] for r in rows} == {"none"}
