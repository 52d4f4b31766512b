"""``monitor --target azureml --check`` at the HTTP boundary: drift exits 3, none exits 0.

The stand-in answers what Azure would: the endpoint and its live deployment, the registry
version with its lineage tags, the training data asset in the dev workspace, the datastores,
and blob storage holding the training CSV and what the data collector wrote
(``modelDataCollector/<endpoint>/<deployment>/model_inputs/YYYY/MM/DD/HH/*.jsonl``).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from reference_impl.azureml import client
from reference_impl.contract import load_contract
from reference_impl.contract_tag import CONTRACT_TAG, contract_fingerprint
from reference_impl.data import DRIFTED_BATCH, FRESH_BATCH
from tests.reference_impl.azureml.blobs import DEV, Blobs, datastore, serve_training_data
from tests.reference_impl.azureml.conftest import run_cli
from tests.reference_impl.azureml.fake_azure import (
    FakeAzure,
    FakeCredential,
    workspace_path,
)
from tests.reference_impl.azureml.model_versions import (
    APPROVED,
    DATA_ASSET,
    seed_versions,
)
from tests.reference_impl.identity import MODEL

CONTRACT = load_contract()

ENV = "test"
WS = workspace_path(f"rg-mlops-{ENV}", f"mlw-mlops-{ENV}")
PREFIX = f"modelDataCollector/{MODEL}-{ENV}/green/model_inputs/"


def record(rows: list[dict[str, Any]], request_id: str) -> str:
    return json.dumps(
        {
            "specversion": "1.0",
            "type": "azureml.inference.model_inputs",
            "correlationid": request_id,
            "data": rows,
        }
    )


@pytest.fixture
def service(azure: FakeAzure, monkeypatch: pytest.MonkeyPatch) -> Blobs:
    monkeypatch.setattr(client, "default_credential", FakeCredential)
    seed_versions(azure, APPROVED)  # data tag: azureml:<training asset>:3
    azure.add(
        f"{WS}/onlineEndpoints/{MODEL}-{ENV}",
        {"location": "westeurope",
         "properties": {"authMode": "AADToken", "traffic": {"blue": 0, "green": 100},
                        "provisioningState": "Succeeded"}},
    )  # fmt: skip
    azure.add(
        f"{WS}/onlineEndpoints/{MODEL}-{ENV}/deployments/green",
        {"location": "westeurope", "sku": {"name": "Default", "capacity": 1},
         "properties": {"endpointComputeType": "Managed", "provisioningState": "Succeeded",
                        "scaleSettings": {"scaleType": "Default"},
                        "model": f"azureml://registries/mlr-mlops-shared/models/{MODEL}/versions/3"}},
    )  # fmt: skip
    azure.add(f"{WS}/datastores/workspaceblobstore", datastore("sttest"))
    blobs = Blobs()
    serve_training_data(azure, blobs)
    return blobs


def collect(blobs: Blobs, csv: Any, hours_ago: int, name: str = "part-0.jsonl") -> None:
    """What the data collector wrote ``hours_ago`` hours ago: the rows of ``csv``."""
    frame = pd.read_csv(csv)[CONTRACT.feature_names]
    hour = (datetime.now(UTC) - timedelta(hours=hours_ago)).strftime("%Y/%m/%d/%H")
    lines = [
        record(frame.iloc[i : i + 500].to_dict(orient="records"), f"req-{i}")
        for i in range(0, len(frame), 500)
    ]
    blobs.put("sttest", f"{PREFIX}{hour}/{name}", "\n".join(lines).encode())


def check() -> Any:
    return run_cli("monitor", "--target", "azureml", "--env", ENV, "--check")


def test_drift_in_the_collected_inputs_exits_3(service: Blobs, azure: FakeAzure) -> None:
    collect(service, DRIFTED_BATCH, hours_ago=5)
    call = check()
    assert call.code == 3, call.err
    assert f"green serves {MODEL}:3: compared 2000 collected rows" in call.out
    assert f"with its training data azureml:{DATA_ASSET}:3" in call.out
    assert "retraining recommended" in call.out
    # The baseline is the deployed version's own training data, read in the dev workspace.
    assert azure.sent("GET", rf"{DEV}/data/{DATA_ASSET}/versions/3$")
    assert not [r for r in azure.requests if r.method != "GET"], "the check changes nothing"


def test_no_drift_exits_0_and_old_files_are_outside_the_window(service: Blobs) -> None:
    collect(service, FRESH_BATCH, hours_ago=30)
    collect(service, DRIFTED_BATCH, hours_ago=24 * 9, name="old.jsonl")  # before the window
    call = check()
    assert call.code == 0, call.err
    assert "compared 2000 collected rows" in call.out
    assert "no drift: keep the champion" in call.out


def test_too_little_production_data_is_bad_data(service: Blobs) -> None:
    call = check()
    assert call.code == 4
    assert call.err.startswith(f"error: cannot check drift: only 0 collected row(s) for {MODEL}-")
    assert "monitoring.min_rows" in call.err


def test_a_version_without_data_lineage_is_refused(service: Blobs, azure: FakeAzure) -> None:
    seed_versions(azure, {k: v for k, v in APPROVED.items() if k != "data"})
    collect(service, FRESH_BATCH, hours_ago=1)
    call = check()
    assert call.code == 6
    assert f"{MODEL}:3 has no data lineage tag" in call.err


def test_a_version_trained_with_another_contract_is_refused(
    service: Blobs, azure: FakeAzure
) -> None:
    """The collected rows were compared on the environment's contract, not the model's."""
    wider = CONTRACT.model_copy(update={"ignore": ("load_date",)})
    seed_versions(azure, {**APPROVED, CONTRACT_TAG: contract_fingerprint(wider)})
    collect(service, FRESH_BATCH, hours_ago=1)
    call = check()
    assert call.code == 2, call.err
    assert f"{MODEL}:3 was trained with another data contract than data.contract" in call.err


def test_score_collects_exactly_the_collections_the_deployment_enables() -> None:
    from reference_impl.azureml.online import COLLECTIONS
    from reference_impl.scoring.collect import INPUTS, OUTPUTS

    assert (INPUTS, OUTPUTS) == COLLECTIONS


def _training_asset(azure: FakeAzure, kind: str, path: str) -> None:
    """Version 3 of the training data asset as a ``kind`` asset at ``path`` of the dev store."""
    uri = ("azureml://subscriptions/x/resourcegroups/rg-mlops-dev/workspaces/mlw-mlops-dev/"
           f"datastores/workspaceblobstore/paths/{path}")  # fmt: skip
    azure.add(f"{DEV}/data/{DATA_ASSET}/versions/3",
              {"properties": {"dataType": kind, "dataUri": uri}})  # fmt: skip


def _parquet_training_file(service: Blobs, azure: FakeAzure, frame: pd.DataFrame) -> None:
    """Version 3 of the training data asset as one Parquet file holding ``frame``."""
    service.put("stdev", "lake/customers.parquet", frame.to_parquet())
    _training_asset(azure, "uri_file", "lake/customers.parquet")


def test_a_delta_table_baseline_is_read_at_its_latest_version(
    service: Blobs, azure: FakeAzure, tmp_path: Path
) -> None:
    """The check downloaded the asset's path as one blob: a folder asset (a Delta table or a
    Parquet folder) ended in "Azure ML refused the operation: ... BlobNotFound" (exit 1).
    Here the table's first version holds drifted rows and its latest the training rows: read
    as plain Parquet, the stale file would make a fresh week look drifted."""
    from deltalake import write_deltalake

    from reference_impl.data import TRAINING_DATA

    training = pd.read_csv(TRAINING_DATA, dtype={"customer_id": str})
    drifted = pd.read_csv(DRIFTED_BATCH, dtype={"customer_id": str})
    stale = pd.concat([drifted] * 5, ignore_index=True).assign(cancelled=0)
    table = tmp_path / "customers"
    write_deltalake(table, stale[training.columns])
    write_deltalake(table, training, mode="overwrite")
    for file in (f for f in table.rglob("*") if f.is_file()):
        service.put("stdev", f"lake/customers/{file.relative_to(table).as_posix()}",
                    file.read_bytes())  # fmt: skip
    _training_asset(azure, "uri_folder", "lake/customers/")
    collect(service, FRESH_BATCH, hours_ago=2)
    call = check()
    assert call.code == 0, call.err
    assert "no drift: keep the champion" in call.out


def test_a_parquet_file_baseline_is_read_as_parquet(service: Blobs, azure: FakeAzure) -> None:
    """A Parquet training file was parsed as CSV text."""
    from reference_impl.data import TRAINING_DATA

    _parquet_training_file(service, azure, pd.read_csv(TRAINING_DATA, dtype={"customer_id": str}))
    collect(service, DRIFTED_BATCH, hours_ago=2)
    call = check()
    assert call.code == 3, call.err
    assert "retraining recommended" in call.out


def test_a_folder_of_csv_parts_baseline_is_read_as_one_table(
    service: Blobs, azure: FakeAzure, tmp_path: Path
) -> None:
    """What Spark's ``df.write.csv`` leaves (parts, ``_SUCCESS``, ``.crc`` files), registered
    as a ``uri_folder``: its rows are the baseline, as ``train`` reads them."""
    from tests.reference_impl.lifecycle.test_lake_bad_input import spark_csv_folder

    folder = spark_csv_folder(tmp_path)
    for file in (f for f in folder.iterdir() if f.is_file()):
        service.put("stdev", f"lake/customers.csv/{file.name}", file.read_bytes())
    _training_asset(azure, "uri_folder", "lake/customers.csv/")
    collect(service, FRESH_BATCH, hours_ago=2)
    call = check()
    assert call.code == 0, call.err
    assert "no drift: keep the champion" in call.out


def test_an_mltable_baseline_is_refused_in_one_sentence(service: Blobs, azure: FakeAzure) -> None:
    _training_asset(azure, "mltable", "lake/customers-table/")
    collect(service, FRESH_BATCH, hours_ago=2)
    call = check()
    assert call.code == 6, call.err
    assert call.err == (
        f"error: cannot check drift: data asset azureml:{DATA_ASSET}:3 is an mltable; the "
        "baseline is read from a uri_file (CSV or Parquet) or a uri_folder (a folder of Parquet "
        "or CSV files, or a Delta table)\n"
    )


def test_a_collected_blob_that_holds_no_records_is_named_by_its_blob(service: Blobs) -> None:
    """A line the collector never writes ended the check in a JSONDecodeError traceback."""
    collect(service, FRESH_BATCH, hours_ago=2)
    hour = (datetime.now(UTC) - timedelta(hours=1)).strftime("%Y/%m/%d/%H")
    service.put("sttest", f"{PREFIX}{hour}/broken.jsonl", b'{"data": [{"age": 41}]\n')
    call = check()
    assert call.code == 4, call.err
    assert call.err == (
        f"error: cannot check drift: workspaceblobstore/{PREFIX}{hour}/broken.jsonl line 1: not a "
        "JSON record (Expecting ',' delimiter at column 23)\n"
    )


def test_collected_rows_without_a_feature_are_refused_in_one_sentence(service: Blobs) -> None:
    """Records that lack a feature of the contract ended the check in a KeyError traceback."""
    hour = (datetime.now(UTC) - timedelta(hours=2)).strftime("%Y/%m/%d/%H")
    rows = pd.read_csv(FRESH_BATCH)[CONTRACT.feature_names].drop(columns=["age"])
    service.put("sttest", f"{PREFIX}{hour}/a.jsonl",
                (record(rows.to_dict("records"), "r1") + "\n").encode())  # fmt: skip
    call = check()
    assert call.code == 4, call.err
    assert call.err == (
        f"error: cannot check drift: the collected model_inputs of {MODEL}-{ENV}/green lack the "
        "contract's feature column(s) age\n"
    )


def test_a_baseline_without_a_feature_is_refused_in_one_sentence(
    service: Blobs, azure: FakeAzure
) -> None:
    """Training data that lacks a feature of the serving contract failed in a KeyError."""
    from reference_impl.data import TRAINING_DATA

    frame = pd.read_csv(TRAINING_DATA, dtype={"customer_id": str}).drop(columns=["age"])
    _parquet_training_file(service, azure, frame)
    collect(service, FRESH_BATCH, hours_ago=2)
    call = check()
    assert call.code == 4, call.err
    assert call.err == (
        f"error: cannot check drift: training data azureml:{DATA_ASSET}:3 cannot be read: "
        "missing column(s): age\n"
    )
