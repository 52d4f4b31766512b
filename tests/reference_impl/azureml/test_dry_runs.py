"""Dry runs write YAML that the SDK loads back, and that matches the golden files.

Run ``pytest tests/reference_impl/azureml --update-examples`` to rewrite the golden files
after an intended change (the option comes from pytest-examples); review the diff.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from azure.ai.ml import (
    load_batch_deployment,
    load_batch_endpoint,
    load_component,
    load_compute,
    load_data,
    load_environment,
    load_job,
    load_model,
    load_online_deployment,
    load_online_endpoint,
)
from azure.ai.ml.entities import JobSchedule, ModelBatchDeployment, MonitorSchedule, PipelineJob
from azure.ai.ml.entities._load_functions import load_schedule  # not exported in 1.35

from reference_impl.azureml.environment import (
    OPTIONAL_ESTIMATORS,
    OVERRIDES,
    RUNTIME_DISTRIBUTIONS,
)
from reference_impl.config import load_config
from reference_impl.config.project import load_project
from reference_impl.contract import load_contract
from reference_impl.pipeline.graph import TRAINING_PIPELINE
from tests.reference_impl.azureml.conftest import GOLDEN, ROOT, run_cli
from tests.reference_impl.identity import EXPERIMENT, MODEL, NEEDS_TEST_ENV, RUNTIME

PROJECT = load_project()

MODEL_ARGS = ["--model", MODEL, "--version", "3"]
CASES = {
    "train": ["train", "--target", "azureml", "--env", "dev"],
    "deploy": ["deploy", "--target", "azureml", "--env", "dev", *MODEL_ARGS],
    "monitor": ["monitor", "--target", "azureml", "--env", "dev"],
    "promote": ["promote", *MODEL_ARGS, "--from", "dev", "--to", "test"],
}


CASE_MARKS = {"promote": NEEDS_TEST_ENV, "monitor": pytest.mark.online}


def dry_run(case: str, out: Path, *extra: str) -> str:
    call = run_cli(*CASES[case], *extra, "--dry-run", "--out", str(out))
    assert call.code == 0, call.err
    return call.out


def normalise(text: str, out: Path) -> str:
    """Replace what differs between machines and lock updates with placeholders."""
    text = text.replace(str(out), "<out>").replace(str(ROOT), "<repo>")
    text = re.sub(
        rf"{RUNTIME}:[0-9a-f]{{12}}\b",
        f"{RUNTIME}:<content-hash>",
        text,
    )
    text = re.sub(r"(?m)^(version: )'?[0-9a-f]{12}'?$", r"\1<content-hash>", text)
    for name in (*RUNTIME_DISTRIBUTIONS, *OPTIONAL_ESTIMATORS):
        if name not in OVERRIDES:
            text = re.sub(rf"\b{re.escape(name)}==[\w.+-]+", f"{name}==<locked>", text)
    text = re.sub(r"(promoted_to_\w+_at: )'?[^'\n]+'?", r"\1<timestamp>", text)
    return re.sub(r"(promoted_to_\w+_by: ).+", r"\1<user>", text)


# The monitor's retraining folder repeats the training files; only its job and schedule differ.
REPEATED = re.compile(r"^retraining/(components/|compute\.yml|environment\.yml)")


def generated_files(out: Path) -> dict[str, str]:
    files = sorted(
        p
        for p in out.rglob("*.yml")
        if "code" not in p.relative_to(out).parts
        and not REPEATED.match(p.relative_to(out).as_posix())
    )
    return {p.relative_to(out).as_posix(): normalise(p.read_text(), out) for p in files}


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=CASE_MARKS.get(c, ())) for c in sorted(CASES)],
)
def test_dry_run_matches_the_golden_files(
    case: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    dry_run(case, tmp_path)
    generated = generated_files(tmp_path)
    folder = GOLDEN / case
    if request.config.getoption("update_examples", default=False):  # pytest-examples' flag
        for name, text in generated.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text)
    expected = {
        p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*.yml"))
    }
    assert sorted(generated) == sorted(expected), "files differ; run with --update-examples"
    for name, text in generated.items():
        # Compared as YAML: where the dumper folds a long line depends on the package's name.
        assert yaml.safe_load(text) == yaml.safe_load(expected[name]), (
            f"{case}/{name} differs; run with --update-examples"
        )
        assert text.splitlines()[0] == expected[name].splitlines()[0]  # the header comment


def test_training_dry_run_loads_back(tmp_path: Path) -> None:
    printed = dry_run("train", tmp_path)
    assert "is valid (checked offline)" in printed
    job = load_job(tmp_path / "pipeline_job.yml")
    assert isinstance(job, PipelineJob)
    assert job._validate().passed, job._validate().error_messages
    assert list(job.jobs) == [s.name for s in TRAINING_PIPELINE.steps]
    assert str(job.compute).removeprefix("azureml:") == "cpu-cluster-dev"
    for step in TRAINING_PIPELINE.steps:
        component = load_component(tmp_path / "components" / f"{step.name}.yml")
        assert component.command == step.command()
        assert Path(component.code) == tmp_path / "code"
    environment = load_environment(tmp_path / "environment.yml")
    assert "azureml-mlflow==1.62.0.post6" in environment.conda_file["dependencies"][-1]["pip"]
    cluster = load_compute(tmp_path / "compute.yml")
    assert (cluster.min_instances, cluster.max_instances, cluster.size) == (0, 2, "Standard_DS3_v2")
    assert (tmp_path / "code" / "reference_impl" / "steps" / "train.py").is_file()


RELEASES = [
    ("dev", f"azureml:{MODEL}:3"),
    pytest.param(
        "test",
        f"azureml://registries/mlr-mlops-shared/models/{MODEL}/versions/3",
        marks=NEEDS_TEST_ENV,
    ),
]


def deploy_dry_run(env: str, out: Path) -> str:
    args = ["deploy", "--target", "azureml", "--env", env, *MODEL_ARGS, "--dry-run", "--out"]
    call = run_cli(*args, str(out))
    assert call.code == 0, call.err
    assert load_environment(out / "environment.yml").name == RUNTIME
    return call.out


@pytest.mark.online
@pytest.mark.parametrize(("env", "model"), RELEASES)
def test_deploy_dry_run_writes_the_online_release(env: str, model: str, tmp_path: Path) -> None:
    assert "10 % -> 50 % -> 100 %" in deploy_dry_run(env, tmp_path)
    endpoint = load_online_endpoint(tmp_path / "online_endpoint.yml")
    assert endpoint.name == f"{MODEL}-{env}" and endpoint.auth_mode == "aad_token"
    online = load_online_deployment(tmp_path / "online_deployment.yml")
    assert online.model.removeprefix("azureml:") == model.removeprefix("azureml:")
    assert online.code_configuration.scoring_script == "reference_impl/scoring/score.py"
    assert set(online.data_collector.collections) == {"model_inputs", "model_outputs"}
    # what the release's smoke tests will send: rows of the environment's contract
    from reference_impl.scoring.smoke_request import smoke_request

    contract = load_contract(load_config(env).data.contract)
    sent = json.loads((tmp_path / "smoke_request.json").read_text())
    assert sent == smoke_request(contract)


@pytest.mark.batch
@pytest.mark.parametrize(("env", "model"), RELEASES)
def test_deploy_dry_run_writes_the_batch_deployment(env: str, model: str, tmp_path: Path) -> None:
    assert f"{MODEL}-{env}-batch ({env})" in deploy_dry_run(env, tmp_path)
    batch_endpoint = load_batch_endpoint(tmp_path / "batch_endpoint.yml")
    assert batch_endpoint.name == f"{MODEL}-{env}-batch"
    batch = load_batch_deployment(tmp_path / "batch_deployment.yml")
    assert isinstance(batch, ModelBatchDeployment)
    assert batch.model.removeprefix("azureml:") == model.removeprefix("azureml:")
    driver = "reference_impl/scoring/batch_driver.py"
    assert batch.code_configuration.scoring_script == driver
    assert (batch.output_action, batch.output_file_name) == ("append_row", "predictions.csv")


@pytest.mark.online
def test_monitor_dry_run_loads_back(tmp_path: Path) -> None:
    dry_run("monitor", tmp_path)
    monitor = load_schedule(tmp_path / "monitor_schedule.yml")
    assert isinstance(monitor, MonitorSchedule)
    signals = monitor.create_monitor.monitoring_signals
    assert set(signals) == {"data_drift", "prediction_drift", "data_quality"}
    reference = signals["data_drift"].reference_data.input_data.path
    assert reference.removeprefix("azureml:") == f"{EXPERIMENT}-baseline:1"
    target = monitor.create_monitor.monitoring_target
    assert target.endpoint_deployment_id == f"azureml:{MODEL}-dev:blue"
    retraining = load_schedule(tmp_path / "retraining" / "retraining_schedule.yml")
    assert isinstance(retraining, JobSchedule)
    assert retraining.trigger.expression == "0 4 * * 1"
    assert isinstance(retraining.create_job, PipelineJob)
    assert list(retraining.create_job.jobs) == [s.name for s in TRAINING_PIPELINE.steps]
    baseline = load_data(tmp_path / "baseline_data.yml")
    assert (baseline.type, baseline.version) == ("mltable", "1")
    assert (tmp_path / "baseline" / "MLTable").is_file()


def test_promote_dry_run_prints_the_plan_and_the_model(tmp_path: Path) -> None:
    printed = dry_run("promote", tmp_path)
    assert f"copy it to registry mlr-mlops-shared as {MODEL} version 3" in printed
    model = load_model(tmp_path / "model.yml")
    assert (model.name, model.version, model.type) == (MODEL, "3", "mlflow_model")
    assert model.path.endswith(f"/workspaces/mlw-mlops-dev/models/{MODEL}/versions/3")
    assert {"source_workspace", "source_version", "run_id", "promoted_to_test_by"} <= set(
        model.tags
    )


def test_golden_files_are_valid_yaml() -> None:
    for path in GOLDEN.rglob("*.yml"):
        assert isinstance(yaml.safe_load(path.read_text()), dict), path


@pytest.mark.online
def test_a_release_of_a_model_with_nullable_features_smoke_tests_a_row_of_gaps(
    tmp_path: Path,
) -> None:
    from tests.reference_impl.package_copy import edited_copy, run_copy

    nullable = {"  - name: age": "  - name: age\n    nullable: true\n"}
    package = edited_copy(tmp_path, "config/contract.yaml", nullable)
    out = tmp_path / "out"
    done = run_copy(package, "deploy", "--target", "azureml", "--env", "dev", *MODEL_ARGS,
                    "--dry-run", "--out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "and a row with the nullable features empty" in done.stdout
    sent = json.loads((out / "smoke_request.json").read_text(encoding="utf-8"))
    assert [row["age"] for row in sent["data"]] == [18, 59, 100, None]
