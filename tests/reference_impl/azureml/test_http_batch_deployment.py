"""The batch deployment that ``deploy`` releases, down to the HTTP requests."""

from __future__ import annotations

import pytest

from reference_impl.config import load_config
from tests.reference_impl.azureml.answers import good_answer
from tests.reference_impl.azureml.conftest import code_asset, run_cli
from tests.reference_impl.azureml.fake_azure import FakeAzure
from tests.reference_impl.azureml.model_versions import RELEASES
from tests.reference_impl.identity import MODEL

pytestmark = pytest.mark.usefixtures("approved_versions")


@pytest.mark.parametrize(("env", "model"), RELEASES)
def test_deploy_command_releases_batch(env: str, model: str, azure: FakeAzure) -> None:
    azure.scoring = good_answer  # a project with an online endpoint smoke-tests it first
    config = load_config(env)
    call = run_cli(
        "deploy", "--target", "azureml", "--env", env, "--model", MODEL,
        "--version", "3", "--code", code_asset(config),
    )  # fmt: skip
    assert call.code == 0, call.err
    assert f"batch endpoint {MODEL}-{env}-batch scores with {MODEL}:3" in call.out
    # Batch: the endpoint, its deployment on the training cluster, then the default deployment.
    batch_puts = azure.sent("PUT", rf"/batchEndpoints/{MODEL}-{env}-batch")
    assert [r.path.rsplit("/", 2)[-2:] for r in batch_puts] == [
        ["batchEndpoints", f"{MODEL}-{env}-batch"],
        ["deployments", "scoring"],
        ["batchEndpoints", f"{MODEL}-{env}-batch"],
    ]
    batch = batch_puts[1].body["properties"]
    assert batch["model"]["assetId"] == model.replace("-dev", f"-{env}")
    driver = "reference_impl/scoring/batch_driver.py"
    assert batch["codeConfiguration"]["scoringScript"] == driver
    assert batch["compute"].endswith(f"/computes/cpu-cluster-{env}")
    assert (batch["outputAction"], batch["outputFileName"], batch["miniBatchSize"]) == (
        "AppendRow",
        "predictions.csv",
        10,
    )
    assert batch_puts[2].body["properties"]["defaults"] == {"deploymentName": "scoring"}
