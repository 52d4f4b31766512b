"""Lake data on the Azure ML target: URIs stay URIs, and the SDK's own loaders accept the job.

Offline: the dry run builds real azure-ai-ml entities, writes them as YAML and ``load_job``
reads them back. Whether the workspace really has the datastore, and whether the job's
identity may read it, is only known to Azure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from azure.ai.ml import load_component, load_job

from reference_impl.azureml.data_inputs import DataInputError, classify
from reference_impl.config import ENVIRONMENTS, load_config
from reference_impl.data import TRAINING_DATA, TRAINING_DELTA, TRAINING_PARQUET
from reference_impl.datastores import LAKE_DATASTORES
from tests.reference_impl.azureml.conftest import ROOT, run_cli
from tests.reference_impl.identity import ASSET
from tests.reference_impl.package_copy import edited_copy, run_copy

ACCOUNT = "dlmlopsdev"


@pytest.mark.parametrize(
    ("data", "kind", "input_type", "path"),
    [
        ("azureml://datastores/curated/paths/customers/", "datastore", "uri_folder", None),
        ("azureml://datastores/raw/paths/customers.csv", "datastore", "uri_file", None),
        ("azureml://datastores/raw/paths/batch/week-01.parquet", "datastore", "uri_file", None),
        (
            "azureml://datastores/curated/paths/customers-table/MLTable",
            "datastore",
            "mltable",
            "azureml://datastores/curated/paths/customers-table/",
        ),
        (f"abfss://curated@{ACCOUNT}.dfs.core.windows.net/customers/", "abfss", "uri_folder", None),
        (f"abfss://raw@{ACCOUNT}.dfs.core.windows.net/x.parquet", "abfss", "uri_file", None),
        (f"azureml:{ASSET}:3", "data-asset", "uri_file", None),
        (f"azureml:{ASSET}@latest", "data-asset", "uri_file", None),
        ("azureml://datastores/workspaceblobstore/paths/x/", "datastore", "uri_folder", None),
    ],
)
def test_uris_stay_uris(data: str, kind: str, input_type: str, path: str | None) -> None:
    bound = classify(data)
    assert (bound.kind, bound.type, bound.path) == (kind, input_type, path or data)


def test_local_paths_become_absolute_with_the_type_of_what_is_there(tmp_path: Path) -> None:
    assert classify(TRAINING_DATA).type == "uri_file"
    assert classify(TRAINING_DELTA).type == "uri_folder"
    assert classify(TRAINING_PARQUET).type == "uri_folder"
    (tmp_path / "MLTable").write_text("paths:\n  - pattern: ./*.parquet\n")
    assert classify(tmp_path).type == "mltable"
    assert classify(Path("relative.csv")).path == str(Path("relative.csv").resolve())


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ("azureml://datastores/nosuch/paths/x/", "unknown datastore 'nosuch'"),
        ("s3://bucket/customers.csv", "URI scheme 's3' is not supported"),
        ("gs://bucket/customers.csv", "URI scheme 'gs' is not supported"),
        ("abfss://curated@acct.blob.core.windows.net/x/", "an abfss URI must read"),
        ("azureml:customers", "a data asset must read"),
        (
            "abfss://sales@onelake.dfs.fabric.microsoft.com/crm.Lakehouse/Tables/customers",
            "a OneLake URI; an Azure ML job reads a Fabric lakehouse through a OneLake datastore "
            "(list it under data.datastores",
        ),
    ],
)
def test_unusable_data_is_one_sentence_naming_it(data: str, words: str) -> None:
    with pytest.raises(DataInputError) as caught:
        classify(data)
    assert str(caught.value).startswith(f"--data {data}: ") and words in str(caught.value)
    assert "\n" not in str(caught.value)


def test_the_lake_datastores_are_the_containers_the_infrastructure_creates() -> None:
    # The reference keeps both IaC languages in its package folder; a generated project keeps
    # the one it chose at its root.
    places = (ROOT / "reference_impl" / "infra", ROOT / "infra")
    infra = next(p for p in places if p.is_dir())
    bicep, terraform = infra / "bicep" / "modules" / "lake.bicep", infra / "terraform" / "lake.tf"
    assert bicep.exists() or terraform.exists()
    listed = ", ".join(f"'{name}'" for name in LAKE_DATASTORES)
    if bicep.exists():
        assert f"param containers array = [{listed}]" in bicep.read_text()
    if terraform.exists():
        quoted = ", ".join(f'"{name}"' for name in LAKE_DATASTORES)
        assert f"toset([{quoted}])" in terraform.read_text()
    for env in ENVIRONMENTS:  # and every environment file lists them for --data to name
        assert load_config(env).data.datastores == LAKE_DATASTORES


@pytest.mark.parametrize(
    ("data", "input_type", "path"),
    [
        ("azureml://datastores/curated/paths/customers/", "uri_folder", None),
        (f"abfss://curated@{ACCOUNT}.dfs.core.windows.net/customers/", "uri_folder", None),
        (f"azureml:{ASSET}:3", "uri_file", None),
        (
            "azureml://datastores/curated/paths/customers-table/MLTable",
            "mltable",
            "azureml://datastores/curated/paths/customers-table/",
        ),
    ],
    ids=["datastore", "abfss", "data-asset", "mltable"],
)
def test_dry_run_binds_the_uri_and_load_job_accepts_it(
    tmp_path: Path, data: str, input_type: str, path: str | None
) -> None:
    call = run_cli(
        "train", "--target", "azureml", "--env", "dev", "--data", data,
        "--dry-run", "--out", str(tmp_path),
    )  # fmt: skip
    assert call.code == 0, call.err
    job = load_job(tmp_path / "pipeline_job.yml")
    assert job._validate().passed, job._validate().error_messages
    sent = job._to_rest_object().properties.inputs["raw_data"].as_dict()  # what Azure gets
    assert sent["jobInputType"] == input_type
    # a URI is sent as given; an asset reference loses its azureml: until the client resolves it
    assert sent["uri"] in {path or data, (path or data).removeprefix("azureml:")}
    written = yaml.safe_load((tmp_path / "pipeline_job.yml").read_text())["inputs"]["raw_data"]
    assert written == {"type": input_type, "path": path or data}
    validate = load_component(tmp_path / "components" / "validate.yml")
    assert validate.inputs["raw_data"].type == input_type


def dry_run(data: str, out: Path) -> Any:
    """``train --target azureml --env dev --data DATA --dry-run --out OUT``, as typed."""
    return run_cli(
        "train", "--target", "azureml", "--env", "dev", "--data", data,
        "--dry-run", "--out", str(out),
    )  # fmt: skip


@pytest.mark.parametrize(
    "data", ["azureml://datastores/nosuch/paths/x/", "s3://bucket/customers.csv"]
)
def test_dry_run_refuses_unusable_data_with_exit_2_and_writes_nothing(
    tmp_path: Path, data: str
) -> None:
    out = tmp_path / "out"
    call = dry_run(data, out)
    assert call.code == 2
    assert call.err.startswith(f"error: --data {data}: ") and call.err.count("\n") == 1
    assert not (out / "pipeline_job.yml").exists()


def test_a_datastore_registered_by_hand_is_named_in_the_configuration(tmp_path: Path) -> None:
    """A OneLake datastore over a Fabric lakehouse, as the Fabric page advises: it was refused
    as unknown, and only an edit of the package's code could add it."""
    data = "azureml://datastores/fabric_crm/paths/Tables/customers/"
    refused = dry_run(data, tmp_path / "refused")
    assert refused.code == 2
    assert "unknown datastore 'fabric_crm'" in refused.err
    assert "goes under data.datastores in the environment's configuration" in refused.err
    listed = "data.datastores=[raw, curated, predictions, fabric_crm]"
    call = run_cli(
        "train", "--target", "azureml", "--env", "dev", "--data", data, "--set", listed,
        "--dry-run", "--out", str(tmp_path / "out"),
    )  # fmt: skip
    assert call.code == 0, call.err
    job = load_job(tmp_path / "out" / "pipeline_job.yml")
    assert job.inputs["raw_data"].path == data and job._validate().passed


def test_dry_run_refuses_a_local_path_that_is_not_there(tmp_path: Path) -> None:
    data, out = tmp_path / "typo.csv", tmp_path / "out"
    call = dry_run(str(data), out)
    assert call.code == 2, call.err
    assert call.err == (
        f"error: --data {data}: no such file or folder; a local path is uploaded from this "
        "machine\n"
    )
    assert not out.exists()  # refused before anything was built


@pytest.mark.parametrize("part", ["data-file", "log-file"])
def test_dry_run_refuses_a_file_of_a_delta_table(tmp_path: Path, part: str) -> None:
    """Uploaded as a ``uri_file``, a table's data file lost its log: the validate step on Azure
    would have trained on rows a later version removed (the local target refused it)."""
    file = (sorted(TRAINING_DELTA.glob("*.parquet")) if part == "data-file"
            else sorted((TRAINING_DELTA / "_delta_log").glob("*.json")))[0]  # fmt: skip
    out = tmp_path / "out"
    call = dry_run(str(file), out)
    assert call.code == 2, call.err
    assert call.err == (
        f"error: --data {file}: is a file of the Delta table {TRAINING_DELTA.resolve()}: read "
        "alone, a table's files hold rows of earlier versions too; pass the table folder, which "
        "is read at its latest version\n"
    )
    assert not out.exists()


def test_dry_run_refuses_a_folder_of_csv_and_parquet_files(tmp_path: Path) -> None:
    """Uploaded whole, such a folder reached the job's validate step on Azure, which refuses
    it (as ``train --target local`` does) after the compute has started."""
    folder, out = tmp_path / "drop", tmp_path / "out"
    folder.mkdir()
    (folder / "b.csv").write_bytes(TRAINING_DATA.read_bytes())
    (folder / "a.parquet").write_bytes(next(TRAINING_PARQUET.glob("*.parquet")).read_bytes())
    call = dry_run(str(folder), out)
    assert call.code == 2, call.err
    assert call.err == (
        f"error: --data {folder}: holds 1 CSV and 1 Parquet file(s), such as b.csv and "
        "a.parquet: keep one format per folder, so that no rows are read twice or skipped\n"
    )
    assert not out.exists()


def test_a_delta_version_reaches_the_validate_component(tmp_path: Path) -> None:
    """``--set data.version=3`` on the Azure ML target: the job's ``validate`` reads version 3,
    whose step command line takes it as ``--data_version 3`` (unset: ``latest``)."""
    data = "azureml://datastores/curated/paths/customers/"
    call = run_cli(
        "train", "--target", "azureml", "--env", "dev", "--data", data,
        "--set", "data.version=3", "--dry-run", "--out", str(tmp_path),
    )  # fmt: skip
    assert call.code == 0, call.err
    job = load_job(tmp_path / "pipeline_job.yml")
    assert job._validate().passed, job._validate().error_messages
    sent = job._to_rest_object().properties.jobs["validate"]["inputs"]["data_version"]
    assert sent == {"job_input_type": "literal", "value": "3"}
    assert "--data_version ${{inputs.data_version}}" in job.jobs["validate"].component.command


@pytest.mark.online
def test_retraining_reads_the_newest_data_whatever_version_the_training_file_pins(
    tmp_path: Path,
) -> None:
    """``data.version: 3`` left in ``config/dev.yaml`` after training on a model's data again:
    the weekly retraining schedule would have read version 3 of a data asset, which has no
    Delta versions, every week. A training run of that environment still reads version 3."""
    pinned = {"  min_rows: ": "  min_rows: 1000\n  version: 3\n"}
    package = edited_copy(tmp_path, "config/dev.yaml", pinned)
    out = tmp_path / "out"
    for command in ("train", "monitor"):
        done = run_copy(package, command, "--target", "azureml", "--env", "dev",
                        "--dry-run", "--out", str(out / command))  # fmt: skip
        assert done.returncode == 0, done.stderr
    trained = yaml.safe_load((out / "train" / "pipeline_job.yml").read_text(encoding="utf-8"))
    assert trained["jobs"]["validate"]["inputs"]["data_version"] == "3"
    retraining = out / "monitor" / "retraining" / "pipeline_job.yml"
    scheduled = yaml.safe_load(retraining.read_text(encoding="utf-8"))
    assert scheduled["jobs"]["validate"]["inputs"]["data_version"] == "latest"
