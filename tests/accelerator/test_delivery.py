import pytest

from accelerator.guidance.delivery import (
    delivery_data,
    destinations_table,
    trigger_for,
    triggers_table,
)
from tests.accelerator.helpers import table_rows


@pytest.mark.parametrize(
    ("orchestrator", "work", "mentions"),
    [
        ("data-factory", "score", "Web activity"),
        ("data-factory", "train", "batch endpoint"),
        ("fabric-pipeline", "score", "Azure Machine Learning activity"),
        ("event-grid", "score", "invokes the batch endpoint"),
        ("azure-ml-schedule", "train", "schedule"),
    ],
)
def test_current_trigger(orchestrator, work, mentions):
    trigger = trigger_for(orchestrator, work)
    assert trigger.status == "current"
    assert mentions in trigger.mechanism


def test_v1_published_pipeline_activity_is_refused_as_legacy():
    with pytest.raises(ValueError, match="is legacy"):
        trigger_for("data-factory-v1", "train")


def test_unknown_orchestrator_and_unsupported_work():
    with pytest.raises(ValueError, match="unknown orchestrator"):
        trigger_for("airflow", "score")
    with pytest.raises(ValueError, match="cannot start"):
        trigger_for("data-factory", "deploy")


def test_table_lists_current_triggers_before_legacy():
    statuses = [row[-1] for row in table_rows(triggers_table())]
    assert statuses == sorted(statuses)  # "current" < "legacy"
    assert statuses[-1] == "legacy"
    assert len(table_rows(destinations_table())) == len(delivery_data().destinations)
    assert "run_date=" in destinations_table()
