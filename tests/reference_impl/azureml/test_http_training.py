"""Submitting the pipeline: the real SDK, down to the HTTP requests it sends to Azure.

The components run an already uploaded code snapshot (an ARM id) and the data is a registered
asset, so nothing needs blob storage. The real command uploads a snapshot of the package
(:mod:`reference_impl.azureml.snapshot`) and, for a local ``--data`` file, the file.
"""

from __future__ import annotations

from typing import Any

import pytest

from reference_impl.azureml.client import workspace_client
from reference_impl.azureml.compute import ensure_cluster
from reference_impl.azureml.training import job_name, submit_training, training_plan
from reference_impl.config import ENVIRONMENTS
from reference_impl.config.project import load_project
from reference_impl.pipeline.graph import TRAINING_PIPELINE
from tests.reference_impl.azureml.conftest import code_asset, run_cli, seed_workspace
from tests.reference_impl.azureml.fake_azure import (
    FakeAzure,
    FakeCredential,
    workspace_path,
)
from tests.reference_impl.identity import ASSET, EXPERIMENT, RUNTIME

PROJECT = load_project()

WS = workspace_path("rg-mlops-dev", "mlw-mlops-dev")
DATA = f"azureml:{ASSET}:1"


def submit(azure: FakeAzure, dev: Any, name: str = f"{EXPERIMENT}-dev-test") -> Any:
    plan = training_plan(dev, code=code_asset(dev), data=DATA)
    ml_client = workspace_client(dev, FakeCredential(), transport=azure)
    return submit_training(ml_client, plan, name=name)


def test_job_submission_sends_the_graph_as_a_pipeline_job(azure: FakeAzure, dev: Any) -> None:
    job = submit(azure, dev)
    assert job.name == f"{EXPERIMENT}-dev-test"

    # Every request is authenticated with a bearer token, none leaves management/regional hosts.
    assert all(r.headers["Authorization"].startswith("Bearer ") for r in azure.requests)
    assert {r.host for r in azure.requests} == {"management.azure.com"}

    # 1. The environment version (content hash) is created with the pinned conda spec.
    (env_put,) = azure.sent("PUT", rf"/environments/{RUNTIME}/versions/[0-9a-f]{{12}}$")
    assert env_put.path.startswith(WS)
    spec = env_put.body["properties"]
    assert spec["image"].startswith("mcr.microsoft.com/azureml/")
    assert "azureml-mlflow==1.62.0.post6" in spec["condaFile"]

    # 2. The cluster is looked up, not recreated (the infrastructure code owns it).
    assert azure.sent("GET", r"/computes/cpu-cluster-dev$")
    assert not azure.sent("PUT", r"/computes/")

    # 3. One anonymous component per step, with the step's own command line.
    components = {
        r.path: r.body["properties"]["componentSpec"] for r in azure.sent("PUT", r"/components/")
    }
    assert sorted(spec["command"] for spec in components.values()) == sorted(
        step.command() for step in TRAINING_PIPELINE.steps
    )
    for spec in components.values():
        assert spec["code"] == f"azureml:{code_asset(dev)}"
        assert spec["environment"].startswith(f"azureml:{WS}/environments/{RUNTIME}/versions/")

    # 4. The job itself: PUT .../workspaces/<ws>/jobs/<name>, last.
    job_put = azure.requests[-1]
    assert (job_put.method, job_put.path) == ("PUT", f"{WS}/jobs/{EXPERIMENT}-dev-test")
    assert "x-azureml-token" in job_put.headers  # the SDK attaches the user's AML token
    body = job_put.body["properties"]
    assert body["jobType"] == "Pipeline"
    assert body["experimentName"] == EXPERIMENT
    assert body["computeId"] == f"{WS}/computes/cpu-cluster-dev"
    assert body["inputs"]["raw_data"] == {
        "uri": f"{WS}/data/{ASSET}/versions/1",
        "jobInputType": "uri_file",
    }
    assert list(body["jobs"]) == [s.name for s in TRAINING_PIPELINE.steps]
    for step in TRAINING_PIPELINE.steps:
        node = body["jobs"][step.name]
        assert components[node["componentId"]]["command"] == step.command()
        for port in step.inputs:
            owner, output = port.source.split(".")
            expected = (
                f"${{{{parent.inputs.{output}}}}}"
                if owner == "pipeline"
                else f"${{{{parent.jobs.{owner}.outputs.{output}}}}}"
            )
            assert node["inputs"][port.name] == {"value": expected, "job_input_type": "literal"}
    assert body["jobs"]["gate"]["inputs"]["min_roc_auc"]["value"] == "0.7"
    train_inputs = body["jobs"]["train"]["inputs"]
    assert train_inputs["estimator"]["value"] == "sklearn.ensemble.HistGradientBoostingClassifier"
    assert train_inputs["params"]["value"] == dev.model.params_text
    assert body["jobs"]["validate"]["inputs"]["contract"]["value"] == "contract.yaml"


def test_a_missing_cluster_is_created_from_the_config(azure: FakeAzure, dev: Any) -> None:
    azure.resources.pop(f"{WS}/computes/cpu-cluster-dev".lower())
    ml_client = workspace_client(dev, FakeCredential(), transport=azure)
    assert ensure_cluster(ml_client, dev) == "created"
    (put,) = azure.sent("PUT", r"/computes/cpu-cluster-dev$")
    props = put.body["properties"]["properties"]
    assert props["vmSize"] == "Standard_DS3_v2"
    assert props["scaleSettings"] == {
        "maxNodeCount": 2,
        "minNodeCount": 0,
        "nodeIdleTimeBeforeScaleDown": "PT15M",
    }
    assert ensure_cluster(ml_client, dev) == "exists"


def test_train_command_submits_and_returns_without_waiting(azure: FakeAzure) -> None:
    call = run_cli(
        "train", "--target", "azureml", "--env", "dev", "--code", code_asset_dev(), "--data", DATA
    )
    assert call.code == 0, call.err
    job_puts = azure.sent("PUT", r"/jobs/[^/]+$")
    assert len(job_puts) == 1
    name = job_puts[0].path.rsplit("/", 1)[-1]
    assert name.startswith(f"{EXPERIMENT}-dev-")
    assert f"submitted {name} to mlw-mlops-dev" in call.out
    assert f"status --env dev --job {name}" in call.out
    assert azure.requests[-1] is job_puts[0], (
        "no request after the submission: the command did not wait"
    )


def test_overrides_reach_the_submitted_parameters(azure: FakeAzure) -> None:
    call = run_cli(
        "train", "--target", "azureml", "--env", "dev", "--code", code_asset_dev(), "--data", DATA,
        "--set", "model.params.max_iter=7", "--set", "model.params.l2_regularization=0.5",
    )  # fmt: skip
    assert call.code == 0, call.err
    (job_put,) = azure.sent("PUT", r"/jobs/[^/]+$")
    params = job_put.body["properties"]["jobs"]["train"]["inputs"]["params"]["value"]
    assert "max_iter=7" in params.split(",")
    assert "l2_regularization=0.5" in params.split(",")


def test_azure_refusals_become_a_clear_error(azure: FakeAzure) -> None:
    azure.handlers.append(
        (
            "PUT",
            r"/environments/",
            lambda r: (403, {"error": {"code": "AuthorizationFailed", "message": "no role"}}),
        )
    )
    call = run_cli(
        "train", "--target", "azureml", "--env", "dev", "--code", code_asset_dev(), "--data", DATA
    )
    assert call.code == 1
    assert "Azure ML refused the operation" in call.err and "no role" in call.err
    assert not azure.sent("PUT", r"/jobs/")


def code_asset_dev() -> str:
    from reference_impl.config import load_config

    return code_asset(load_config("dev"))


def _seed_job(azure: FakeAzure, name: str, status: str) -> None:
    azure.add(
        f"{WS}/jobs/{name}",
        {
            "properties": {
                "jobType": "Pipeline",
                "status": status,
                "displayName": EXPERIMENT,
                "experimentName": EXPERIMENT,
                "properties": {},
                "jobs": {},
                "inputs": {},
                "outputs": {},
                "services": {"Studio": {"endpoint": f"https://ml.azure.com/runs/{name}"}},
            }
        },
    )
    children = [
        {
            "runId": f"{name}-{s.name}",
            "displayName": s.name,
            "status": "Completed",
            "properties": {},
        }
        for s in TRAINING_PIPELINE.steps
    ]
    azure.handlers.append(("GET", rf"/runs/{name}/children$", lambda r: (200, {"value": children})))


def test_status_shows_the_job_and_its_steps(azure: FakeAzure) -> None:
    _seed_job(azure, f"{EXPERIMENT}-dev-1", "Completed")
    call = run_cli("status", "--env", "dev", "--job", f"{EXPERIMENT}-dev-1")
    assert call.code == 0, call.err
    lines = call.out.splitlines()
    assert lines[0] == f"{EXPERIMENT}-dev-1: Completed"
    assert f"studio: https://ml.azure.com/runs/{EXPERIMENT}-dev-1" in lines[1]
    assert lines[2:] == [f"  {s.name}: Completed" for s in TRAINING_PIPELINE.steps]
    hosts = {r.host for r in azure.requests}
    assert hosts == {"management.azure.com", "westeurope.api.azureml.ms"}  # ARM + run history


def test_status_of_an_unknown_job(azure: FakeAzure) -> None:
    call = run_cli("status", "--env", "dev", "--job", "nope")
    assert call.code == 1
    assert "nope" in call.err


def test_job_names_are_readable_and_unique(dev: Any) -> None:
    first, second = job_name(dev), job_name(dev)
    assert first.startswith(f"{EXPERIMENT}-dev-") and first != second


@pytest.mark.parametrize("env", [env for env in ENVIRONMENTS if env != "dev"])
def test_every_environment_submits_to_its_own_workspace(env: str, azure: FakeAzure) -> None:
    from reference_impl.config import load_config

    config = load_config(env)
    call = run_cli(
        "train", "--target", "azureml", "--env", env, "--code", code_asset(config), "--data", DATA
    )
    assert call.code == 0, call.err
    (job_put,) = azure.sent("PUT", r"/jobs/[^/]+$")
    assert f"/workspaces/mlw-mlops-{env}/jobs/" in job_put.path
    assert job_put.body["properties"]["computeId"].endswith(f"/computes/cpu-cluster-{env}")


def test_seed_helper_is_idempotent(dev: Any) -> None:
    fake = FakeAzure()
    assert seed_workspace(fake, dev) == seed_workspace(fake, dev) == WS


@pytest.mark.parametrize(("status", "code"), [("Completed", 0), ("Failed", 1)])
def test_wait_streams_until_the_job_ends(status: str, code: int, azure: FakeAzure) -> None:
    details = {"status": status, "logFiles": {}, "warnings": [], "properties": {}}
    azure.handlers.append(
        (
            "GET",
            r"/runs/[^/]+/details$",
            lambda r: (200, {"runId": r.path.split("/")[-2], **details}),
        )
    )
    call = run_cli(
        "train",
        "--target",
        "azureml",
        "--env",
        "dev",
        "--code",
        code_asset_dev(),
        "--data",
        DATA,
        "--wait",
    )
    assert call.code == code, call.err
    assert azure.sent("GET", rf"/history/v1\.0/.*/runs/{EXPERIMENT}-dev-[^/]+/details$")
    assert "Execution Summary" in call.out
