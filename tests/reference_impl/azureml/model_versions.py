"""Model versions as Azure ML returns them, with or without gate evidence and lineage."""

from __future__ import annotations

from typing import Any

import pytest

from reference_impl.config.project import load_project
from reference_impl.contract import load_contract
from reference_impl.contract_tag import CONTRACT_TAG, contract_fingerprint
from tests.reference_impl.azureml.fake_azure import FakeAzure, workspace_path
from tests.reference_impl.identity import MODEL, NEEDS_TEST_ENV

REGISTRY = (
    "/mferp/managementfrontend/subscriptions/00000000-0000-0000-0000-000000000000/"
    "resourceGroups/rg-mlops-shared/providers/Microsoft.MachineLearningServices/"
    "registries/mlr-mlops-shared"
)
"""Path of the registry as the SDK's registry client addresses it."""
DATA_ASSET = load_project().azureml.training_data_asset
"""The training data asset the lineage tags name."""
FLAVORS = {"python_function": {"data": {"loader_module": "mlflow.sklearn"}}}
LINEAGE = {
    "git_commit": "0123456789abcdef0123456789abcdef01234567",
    "pipeline_run": "training-dev-20250101-120000-1a2b3c",
    "data": f"azureml:{DATA_ASSET}:3",
}
CONTRACT = {CONTRACT_TAG: contract_fingerprint(load_contract())}
"""The tag of a version trained with the environments' ``data.contract``."""
APPROVED = {"gate": "approved", "holdout_roc_auc": "0.8100", **LINEAGE, **CONTRACT}
REJECTED = {**APPROVED, "gate": "rejected"}


def workspace_model_path(env: str, version: str = "3") -> str:
    """Path of a model version in an environment's workspace."""
    return (
        f"{workspace_path(f'rg-mlops-{env}', f'mlw-mlops-{env}')}/models/{MODEL}/versions/{version}"
    )


def registry_model_path(version: str = "3") -> str:
    """Path of a model version in the shared registry."""
    return f"{REGISTRY}/models/{MODEL}/versions/{version}"


def model_version(tags: dict[str, str], uri: str, job: str | None = None) -> dict[str, Any]:
    """A model version resource with ``tags``."""
    properties: dict[str, Any] = {
        "modelType": "mlflow_model",
        "modelUri": uri,
        "tags": tags,
        "properties": {},
        "flavors": FLAVORS,
    }
    if job:
        properties["jobName"] = job
    return {"properties": properties}


def seed_versions(azure: FakeAzure, tags: dict[str, str], version: str = "3") -> None:
    """Version ``version`` with ``tags`` in every workspace and in the registry."""
    for env in ("dev", "test", "prod"):
        uri = f"azureml://locations/westeurope/workspaces/x/models/{MODEL}/versions/{version}"
        azure.add(workspace_model_path(env, version), model_version(tags, uri, "run-123"))
    uri = f"azureml://registries/mlr-mlops-shared/models/{MODEL}/versions/{version}"
    azure.add(registry_model_path(version), model_version(tags, uri))


RELEASES = [
    ("dev", workspace_model_path("dev")),
    pytest.param(
        "test",
        f"azureml://registries/mlr-mlops-shared/models/{MODEL}/versions/3",
        marks=NEEDS_TEST_ENV,
    ),
]
"""``(env, model)`` of a release: the workspace model's path in dev, the registry's copy (as a
deployment names it) further on."""
