import pytest

from accelerator.guidance.roles import role_ids
from accelerator.guidance.runbook import (
    respond_to,
    rollback_steps_list,
    rollback_traffic,
    runbook,
    runbook_table,
)
from tests.accelerator.helpers import table_rows


def test_signals_are_unique_with_known_owners():
    signals = [e.signal for e in runbook().entries]
    assert len(signals) == len(set(signals))
    assert {e.owner for e in runbook().entries} <= role_ids()


def test_errors_are_the_most_urgent_and_drift_is_not_an_emergency():
    assert respond_to("endpoint-errors").severity == 1
    assert "Roll back" in respond_to("endpoint-errors").action
    assert respond_to("data-drift").severity == 3


def test_unknown_signal_is_a_key_error():
    with pytest.raises(KeyError):
        respond_to("full-moon")


@pytest.mark.parametrize(
    ("traffic", "previous", "expected"),
    [
        ({"blue": 90, "green": 10}, "blue", {"blue": 100, "green": 0}),
        ({"blue": 0, "green": 100}, "blue", {"blue": 100, "green": 0}),
        ({"a": 50, "b": 25, "c": 25}, "c", {"a": 0, "b": 0, "c": 100}),
    ],
)
def test_rollback_moves_all_traffic_to_the_previous_deployment(traffic, previous, expected):
    assert rollback_traffic(traffic, previous) == expected


def test_rollback_refuses_unknown_deployments_and_bad_splits():
    with pytest.raises(ValueError, match="not on the endpoint"):
        rollback_traffic({"blue": 100}, "green")
    with pytest.raises(ValueError, match="sum to 100"):
        rollback_traffic({"blue": 60, "green": 60}, "blue")


def test_table_sorted_by_severity_and_steps_numbered():
    rows = table_rows(runbook_table())
    assert [int(r[0]) for r in rows] == sorted(int(r[0]) for r in rows)
    assert len(rows) == len(runbook().entries)
    steps = rollback_steps_list().splitlines()
    assert [s.split(".")[0] for s in steps] == [str(n) for n in range(1, len(steps) + 1)]
