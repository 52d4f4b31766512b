"""The stand-in for Azure ML's tracking answers only what the service serves: 404 elsewhere."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from reference_impl.azureml.emulation.tracking_service import is_served, tracking_stand_in


@pytest.mark.parametrize(
    ("method", "path", "served"),
    [
        ("POST", "/api/2.0/mlflow/runs/log-batch", True),
        ("POST", "/api/2.0/mlflow/model-versions/create", True),
        ("PATCH", "/api/2.0/mlflow/model-versions/update", True),
        ("PUT", "/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/model/MLmodel", True),
        ("POST", "/api/2.0/mlflow/logged-models", False),  # azure-sdk-for-python#44896
        ("POST", "/api/2.0/mlflow/registered-models/alias", False),
        ("GET", "/api/2.0/mlflow/registered-models/alias", False),
        ("GET", "/api/2.0/mlflow/runs/log-batch", False),  # right path, wrong method
        ("GET", "/api/2.0/mlflow/runs/getx", False),  # a prefix is not a match
    ],
)
def test_the_allow_list(method: str, path: str, served: bool) -> None:
    assert is_served(method, path) is served


@pytest.fixture(scope="module")
def stand_in(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with tracking_stand_in(tmp_path_factory.mktemp("tracking")) as uri:
        yield uri


def in_a_job(stand_in: str, script: str) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in a fresh process logging to the stand-in, as a job's code would."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MLFLOW_")}
    env |= {"MLFLOW_TRACKING_URI": stand_in, "MLFLOW_REGISTRY_URI": stand_in}
    env["AZUREML_RUN_ID"] = "job-1"
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        env=env, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip


MODEL = """
    import mlflow
    from sklearn.dummy import DummyClassifier

    mlflow.set_experiment("stand-in")
    fitted = DummyClassifier().fit([[0], [1]], [0, 1])
"""


def test_what_the_steps_call_is_served(stand_in: str, tmp_path: Path) -> None:
    done = in_a_job(
        stand_in,
        MODEL
        + f"""
    from mlflow import MlflowClient

    # requirements pinned, as the train step pins them: MLflow infers none (seconds in a
    # subprocess, and nothing the stand-in is asked)
    model = {str(tmp_path / "model")!r}
    mlflow.sklearn.save_model(fitted, model, pip_requirements=["scikit-learn"])
    with mlflow.start_run() as run:  # what the train step does
        mlflow.log_artifacts(model, "model")
    version = mlflow.register_model(f"runs:/{{run.info.run_id}}/model", "m").version
    client = MlflowClient()
    client.set_model_version_tag("m", version, "gate", "approved")
    client.update_model_version("m", version, description="# card")
    print(client.get_model_version("m", version).description)
    """,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "# card"
    assert "404" not in done.stderr


@pytest.mark.parametrize(
    ("planted", "refused"),
    [
        ("mlflow.sklearn.log_model(fitted, name='model')", "POST /api/2.0/mlflow/logged-models"),
        ("mlflow.MlflowClient().set_registered_model_alias('m', 'champion', '1')",
         "POST /api/2.0/mlflow/registered-models/alias"),
    ],
)  # fmt: skip
def test_a_planted_call_the_service_lacks_fails(stand_in: str, planted: str, refused: str) -> None:
    done = in_a_job(
        stand_in,
        MODEL
        + f"""
    with mlflow.start_run():
        {planted}
    """,
    )
    assert done.returncode != 0
    assert "404" in done.stderr and refused.rsplit("/", 1)[1] in done.stderr
