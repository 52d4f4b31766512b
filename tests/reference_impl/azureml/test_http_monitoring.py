"""The monitor and retraining schedules, down to the HTTP requests the SDK sends."""

from __future__ import annotations

from typing import Any

import pytest

from reference_impl.azureml import client
from reference_impl.config import load_config
from reference_impl.config.project import load_project
from reference_impl.contract import load_contract
from reference_impl.contract_tag import CONTRACT_TAG, contract_fingerprint
from reference_impl.pipeline.graph import TRAINING_PIPELINE
from tests.reference_impl.azureml.blobs import CONTAINER, TRAINING_BLOB, Blobs, serve_training_data
from tests.reference_impl.azureml.conftest import code_asset, run_cli
from tests.reference_impl.azureml.fake_azure import FakeAzure, FakeCredential, workspace_path
from tests.reference_impl.azureml.model_versions import APPROVED, LINEAGE, seed_versions
from tests.reference_impl.identity import ASSET, EXPERIMENT, MODEL, RUNTIME

PROJECT = load_project()

PROD = workspace_path("rg-mlops-prod", "mlw-mlops-prod")
DEV = workspace_path("rg-mlops-dev", "mlw-mlops-dev")


def live_endpoint(
    azure: FakeAzure, traffic: dict[str, int], tags: dict[str, str] = APPROVED
) -> None:
    """The prod endpoint; each colour serves version 3 of the registry, tagged ``tags``."""
    seed_versions(azure, tags)
    endpoint = f"{PROD}/onlineEndpoints/{MODEL}-prod"
    azure.add(
        endpoint,
        {"location": "westeurope", "properties": {"authMode": "AADToken", "traffic": traffic}},
    )
    for colour in traffic:
        azure.add(
            f"{endpoint}/deployments/{colour}",
            {
                "location": "westeurope",
                "properties": {
                    "endpointComputeType": "Managed",
                    "scaleSettings": {"scaleType": "Default"},
                    "model": f"azureml://registries/mlr-mlops-shared/models/{MODEL}/versions/3",
                },
                "sku": {"name": "Default", "capacity": 3},
            },
        )


def baseline(azure: FakeAzure) -> None:
    data = {
        "properties": {
            "dataType": "uri_file",
            "dataUri": "azureml://datastores/x/paths/customers.csv",
        }
    }
    azure.add(f"{DEV}/data/{ASSET}", {"properties": {"latestVersion": "4"}})
    azure.add(f"{DEV}/data/{ASSET}/versions/4", data)
    azure.add(  # version 3: the training data version of the deployed model's lineage tag
        f"{PROD}/data/{EXPERIMENT}-baseline/versions/3",
        {
            "properties": {
                "dataType": "mltable",
                "dataUri": "azureml://datastores/x/paths/baseline/",
            }
        },
    )


def monitor(*extra: str) -> Any:
    return run_cli(
        "monitor",
        "--target",
        "azureml",
        "--env",
        "prod",
        "--code",
        code_asset(load_config("dev")),
        *extra,
    )


def test_monitor_schedules_the_live_colour_and_the_retraining(azure: FakeAzure) -> None:
    live_endpoint(azure, {"blue": 0, "green": 100})
    baseline(azure)
    call = monitor()
    assert call.code == 0, call.err
    assert f"watches green ({MODEL}:3) in mlw-mlops-prod" in call.out
    assert f"against its training data {LINEAGE['data']}" in call.out

    # PUT .../workspaces/mlw-mlops-prod/schedules/<model>-prod-monitor
    (put,) = azure.sent("PUT", rf"/schedules/{MODEL}-prod-monitor$")
    assert put.path == f"{PROD}/schedules/{MODEL}-prod-monitor"
    props = put.body["properties"]
    assert props["trigger"]["triggerType"] == "Recurrence"
    assert props["trigger"]["frequency"].lower() == "day"
    definition = props["action"]["monitorDefinition"]
    assert definition["monitoringTarget"]["deploymentId"].endswith(
        f"/onlineEndpoints/{MODEL}-prod/deployments/green"
    )
    signals = definition["signals"]
    assert set(signals) == {"data_drift", "prediction_drift", "data_quality"}
    assert signals["data_drift"]["signalType"] == "DataDrift"
    thresholds = signals["data_drift"]["metricThresholds"]
    assert {t["metric"] for t in thresholds} == {"populationStabilityIndex"}
    assert {t["threshold"]["value"] for t in thresholds} == {0.2}  # monitoring.psi_threshold
    assert definition["computeConfiguration"]["instanceType"] == "standard_e4s_v3"
    assert definition["alertNotificationSetting"] == {"alertNotificationType": "AzureMonitor"}
    inputs = signals["data_quality"]["productionData"]
    assert inputs["uri"] == f"{PROD}/data/{MODEL}-prod-green-model_inputs/versions/1"
    assert (inputs["windowSize"], inputs["dataContext"]) == ("P7D", "model_inputs")
    reference = signals["prediction_drift"]["referenceData"]
    assert reference["uri"] == f"{PROD}/data/{EXPERIMENT}-baseline/versions/3"
    assert signals["data_drift"]["referenceData"]["uri"] == reference["uri"]
    assert reference["columns"] == {"target_column": "cancelled"}

    # The weekly retraining lives in the training workspace and runs the same pipeline.
    (schedule,) = azure.sent("PUT", rf"/schedules/{EXPERIMENT}-weekly$")
    assert schedule.path == f"{DEV}/schedules/{EXPERIMENT}-weekly"
    action = schedule.body["properties"]["action"]
    trigger = schedule.body["properties"]["trigger"]
    assert (trigger["triggerType"], trigger["expression"], trigger["timeZone"]) == (
        "Cron",
        "0 4 * * 1",
        "UTC",
    )
    job = action["jobDefinition"]
    assert list(job["jobs"]) == [step.name for step in TRAINING_PIPELINE.steps]
    assert job["inputs"]["raw_data"]["uri"] == f"{DEV}/data/{ASSET}/versions/4"
    assert f"retrains on {ASSET}:4" in call.out
    assert azure.sent("PUT", rf"/workspaces/mlw-mlops-dev/environments/{RUNTIME}/versions/")


def test_monitor_refuses_an_endpoint_without_traffic(azure: FakeAzure) -> None:
    live_endpoint(azure, {"blue": 0})
    call = monitor()
    assert call.code == 5
    assert "serves no traffic" in call.err
    assert not azure.sent("PUT", r"/schedules/")


@pytest.mark.parametrize(
    ("tags", "named"),
    [({"gate": "approved"}, "has no data lineage tag"),
     ({**APPROVED, "data": "data/customers.csv"}, "is not azureml:<asset>:<version>")],
)  # fmt: skip
def test_monitor_refuses_a_deployed_version_without_data_lineage(
    azure: FakeAzure, tags: dict[str, str], named: str
) -> None:
    """Without the data it was trained on there is no baseline to compare with: exit 6."""
    live_endpoint(azure, {"green": 100}, tags)
    baseline(azure)
    call = monitor()
    assert call.code == 6, call.err
    assert named in call.err and "Traceback" not in call.err
    assert not azure.sent("PUT", r"/schedules/")


def test_monitor_refuses_a_deployed_version_trained_with_another_contract(
    azure: FakeAzure,
) -> None:
    """Its baseline and the monitor's columns came from the environment's contract: a model
    trained on other columns was watched on columns it never saw."""
    other = load_contract().model_copy(update={"segment": None})
    live_endpoint(azure, {"green": 100}, {**APPROVED, CONTRACT_TAG: contract_fingerprint(other)})
    baseline(azure)
    call = monitor()
    assert call.code == 2, call.err
    assert f"error: {MODEL}:3 was trained with another data contract than data.contract" in (
        call.err
    )
    assert not azure.sent("PUT", r".")


def test_monitor_of_a_named_deployment(azure: FakeAzure) -> None:
    live_endpoint(azure, {"blue": 0})
    azure.requests.clear()
    baseline(azure)
    call = monitor("--deployment", "blue")
    assert call.code == 0, call.err
    assert not azure.sent("GET", rf"/onlineEndpoints/{MODEL}-prod$")  # no traffic lookup
    (put,) = azure.sent("PUT", rf"/schedules/{MODEL}-prod-monitor$")
    target = put.body["properties"]["action"]["monitorDefinition"]["monitoringTarget"]
    assert target["deploymentId"].endswith("/deployments/blue")


def test_a_missing_baseline_is_uploaded_to_the_workspace_datastore(
    azure: FakeAzure, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real path downloads the deployed version's training CSV from the dev store and
    registers it as the baseline mltable, which uploads it: the stand-in stops at the upload,
    so the test checks that the SDK got that far and nothing was scheduled."""
    monkeypatch.setattr(client, "default_credential", FakeCredential)
    live_endpoint(azure, {"blue": 100})
    serve_training_data(azure, Blobs())
    call = monitor()
    assert call.code == 1
    assert azure.sent("GET", rf"/data/{EXPERIMENT}-baseline/versions/3$")
    assert azure.sent("GET", rf"^/{CONTAINER}/{TRAINING_BLOB}$")  # the training data
    assert azure.sent("GET", r"/datastores/") or azure.sent("POST", r"/datastores/")
    assert not azure.sent("PUT", r"/schedules/")


@pytest.mark.parametrize("flag", [[], ["--workdir", "x"]])
def test_local_monitor_still_needs_its_arguments(flag: list[str]) -> None:
    call = run_cli("monitor", *flag)
    assert call.code == 2
    assert "--workdir and --current (or --collected) are required with --target local" in call.err


@pytest.mark.parametrize(
    "task, columns, ml_task, kind",
    [
        ("binary", {"prediction", "prediction_probability"}, "Classification", "Categorical"),
        ("multiclass", {"prediction", "prediction_probability"}, "Classification", "Categorical"),
        ("regression", {"prediction"}, "Regression", "Numerical"),
    ],
)
def test_prediction_drift_reads_the_outputs_the_task_answers_with(
    tmp_path: Any, task: str, columns: set[str], ml_task: str, kind: str
) -> None:
    """A regressor was monitored as a classification model, and its numeric prediction had a
    categorical drift threshold only."""
    import yaml

    from reference_impl.azureml.monitoring import monitor_schedule_entity
    from reference_impl.config import apply_overrides
    from reference_impl.contract import CONTRACT_FILE, contract_path

    raw = yaml.safe_load(contract_path(CONTRACT_FILE).read_text())
    if task == "multiclass":
        raw["classes"] = ["0", "1", "2"]
    contract = tmp_path / "contract.yaml"
    contract.write_text(yaml.safe_dump({**raw, "task": task}))
    config = apply_overrides(load_config("dev"), [f"data.contract={contract}"])
    monitor = monitor_schedule_entity(config, model_name=MODEL, deployment="blue")
    signal = monitor.create_monitor.monitoring_signals["prediction_drift"]
    assert set(signal.production_data.data_column_names) == columns
    assert signal.reference_data.data_column_names["target_column"] == raw["label"]
    # what the SDK sends (its own serialisation): the task and the prediction's kind
    definition = monitor._to_rest_object().properties.action.monitor_definition
    assert definition.monitoring_target.task_type == ml_task
    (threshold,) = definition.signals["prediction_drift"].metric_thresholds
    assert threshold.data_type == kind
    assert threshold.threshold.value == load_config("dev").monitoring.psi_threshold


def test_a_baseline_from_an_mltable_asset_is_refused_before_anything_is_scheduled(
    azure: FakeAzure, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check's refusal escaped the scheduling path as a traceback."""
    monkeypatch.setattr(client, "default_credential", FakeCredential)
    live_endpoint(azure, {"blue": 100})
    serve_training_data(azure, Blobs())
    uri = "azureml://datastores/workspaceblobstore/paths/t/"
    azure.add(f"{DEV}/data/{ASSET}/versions/3",
              {"properties": {"dataType": "mltable", "dataUri": uri}})  # fmt: skip
    call = monitor()
    assert call.code == 6, call.err
    assert call.err == (
        f"error: data asset azureml:{ASSET}:3 is an mltable; the baseline is read from a uri_file "
        "(CSV or Parquet) or a uri_folder (a folder of Parquet or CSV files, or a Delta table)\n"
    )
    assert not azure.sent("PUT", r"/schedules/") and not azure.sent("PUT", r"/data/")
