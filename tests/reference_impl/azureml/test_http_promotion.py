"""Promotion through the registry, down to the HTTP requests the SDK sends.

``ModelOperations.share`` builds its registry client without the ``MLClient``'s transport;
the ``azure`` fixture routes azure-core's default transport to the same stand-in, so the
copy is recorded too (``via="default"``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from reference_impl.azureml.promotion import (
    PromotionError,
    promoted_by,
    promotion_plan,
    source_model,
)
from reference_impl.config import load_config
from reference_impl.config.project import load_project
from tests.reference_impl.azureml.conftest import run_cli
from tests.reference_impl.azureml.fake_azure import FakeAzure, Recorded, workspace_path
from tests.reference_impl.azureml.model_versions import APPROVED, LINEAGE, REJECTED
from tests.reference_impl.identity import MODEL, NEEDS_TEST_ENV

# The promotions these tests drive go dev -> test -> prod.
pytestmark = NEEDS_TEST_ENV

PROJECT = load_project()

REGISTRY = (
    "/mferp/managementfrontend/subscriptions/00000000-0000-0000-0000-000000000000/"
    "resourceGroups/rg-mlops-shared/providers/Microsoft.MachineLearningServices/"
    "registries/mlr-mlops-shared"
)
DEV_MODEL = f"{workspace_path('rg-mlops-dev', 'mlw-mlops-dev')}/models/{MODEL}/versions/3"
REGISTRY_MODEL = f"{REGISTRY}/models/{MODEL}/versions/3"
FLAVORS = {"python_function": {"data": {"loader_module": "mlflow.sklearn"}}}


def registry_model(tags: dict[str, str]) -> dict[str, Any]:
    return {
        "properties": {
            "modelType": "mlflow_model",
            "modelUri": f"azureml://registries/mlr-mlops-shared/models/{MODEL}/versions/3",
            "tags": tags,
            "properties": {},
            "flavors": FLAVORS,
        }
    }


@pytest.fixture
def registry(azure: FakeAzure) -> FakeAzure:
    """The dev workspace holds version 3 (trained by run-123); the registry answers like Azure."""
    azure.add(
        DEV_MODEL,
        {
            "properties": {
                "modelType": "mlflow_model",
                "modelUri": f"azureml://locations/westeurope/workspaces/x/models/{MODEL}/versions/3",
                "jobName": "run-123",
                "tags": APPROVED,
                "properties": {},
                "flavors": FLAVORS,
            }
        },
    )

    def imported(request: Recorded) -> tuple[int, Any]:
        azure.add(REGISTRY_MODEL, registry_model({}))
        return 202, None

    def upload_slot(request: Recorded) -> tuple[int, Any]:
        if azure.get(REGISTRY_MODEL):  # the version exists: nothing to upload
            return 409, {"error": {"code": "Conflict", "message": "asset already exists"}}
        return 500, {"error": {"code": "Unexpected", "message": "promotion never uploads"}}

    azure.handlers += [
        ("POST", r"/registries/mlr-mlops-shared/import$", imported),
        ("PUT", r"/registries/mlr-mlops-shared/tempdatarefs/", upload_slot),
    ]
    return azure


def last_tags(azure: FakeAzure) -> dict[str, str]:
    put = azure.sent("PUT", rf"/registries/mlr-mlops-shared/models/{MODEL}/versions/3$")[-1]
    return put.body["properties"]["tags"]


def test_promote_to_test_copies_the_version_and_records_lineage(
    registry: FakeAzure, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTOR", "release-bot")
    call = run_cli(
        "promote",
        "--model",
        MODEL,
        "--version",
        "3",
        "--from",
        "dev",
        "--to",
        "test",
    )
    assert call.code == 0, call.err

    # The source version is read from the dev workspace.
    assert registry.sent("GET", rf"/workspaces/mlw-mlops-dev/models/{MODEL}/versions/3$")
    # The copy: POST .../registries/<registry>/import with the workspace asset as the source.
    (copy,) = registry.sent("POST", r"/registries/mlr-mlops-shared/import$")
    assert copy.host == "westeurope.api.azureml.ms"
    assert copy.body["properties"] == {
        "referenceType": "Id",
        "destinationName": MODEL,
        "destinationVersion": "3",
        "sourceAssetId": "azureml://locations/westeurope/workspaces/"
        f"22222222-2222-2222-2222-222222222222/models/{MODEL}/versions/3",
    }
    # Lineage is written on the registry version (same name, same version number).
    tags = last_tags(registry)
    assert tags["source_workspace"] == "mlw-mlops-dev"
    assert tags["source_version"] == "3"
    assert tags["run_id"] == "run-123"
    assert tags["promoted_to_test_by"] == "release-bot"
    # The gate's decision and the lineage travel with the version into the registry.
    assert {k: tags[k] for k in APPROVED} == APPROVED
    assert datetime.fromisoformat(tags["promoted_to_test_at"]).tzinfo is not None
    assert f"deploy --target azureml --env test --model {MODEL} --version 3" in call.out


def test_promoting_again_does_not_copy_twice(registry: FakeAzure) -> None:
    registry.add(REGISTRY_MODEL, registry_model({"source_version": "3"}))
    call = run_cli(
        "promote",
        "--model",
        MODEL,
        "--version",
        "3",
        "--from",
        "dev",
        "--to",
        "test",
    )
    assert call.code == 0, call.err
    assert not registry.sent("POST", r"/import$")
    assert last_tags(registry)["run_id"] == "run-123"


def test_promote_to_prod_requires_the_test_promotion(registry: FakeAzure) -> None:
    registry.add(REGISTRY_MODEL, registry_model({"source_version": "3"}))
    call = run_cli(
        "promote",
        "--model",
        MODEL,
        "--version",
        "3",
        "--from",
        "test",
        "--to",
        "prod",
    )
    assert call.code == 2
    assert "never promoted to test" in call.err
    assert not registry.sent("PUT", r"/models/")


def test_promote_to_prod_adds_its_record_and_copies_nothing(registry: FakeAzure) -> None:
    registry.add(
        REGISTRY_MODEL,
        registry_model(
            {**APPROVED, "source_version": "3", "promoted_to_test_at": "2025-01-01T00:00:00+00:00"}
        ),
    )
    call = run_cli(
        "promote",
        "--model",
        MODEL,
        "--version",
        "3",
        "--from",
        "test",
        "--to",
        "prod",
    )
    assert call.code == 0, call.err
    assert not registry.sent("POST", r"/import$")
    assert not registry.sent("GET", r"/workspaces/mlw-mlops-dev/models/")
    tags = last_tags(registry)
    assert tags["promoted_to_test_at"] == "2025-01-01T00:00:00+00:00"
    assert {"promoted_to_prod_by", "promoted_to_prod_at"} <= set(tags)


@pytest.mark.parametrize(
    ("source", "target", "version", "message"),
    [
        ("dev", "prod", "3", "one environment at a time"),
        ("test", "dev", "3", "one environment at a time"),
        ("dev", "test", "latest", "not an explicit version number"),
        ("dev", "test", "0", "'0' is not an explicit version number (1, 2, 3, ...)"),
        ("dev", "test", "007", "'007' is not an explicit version number (1, 2, 3, ...)"),
    ],
)
def test_promotion_rules(
    source: str, target: str, version: str, message: str, azure: FakeAzure
) -> None:
    call = run_cli(
        "promote",
        "--model",
        MODEL,
        "--version",
        version,
        "--from",
        source,
        "--to",
        target,
    )
    assert call.code == 2
    assert message in call.err
    assert not azure.requests


def test_a_missing_source_version_is_an_azure_error(registry: FakeAzure) -> None:
    call = run_cli(
        "promote",
        "--model",
        MODEL,
        "--version",
        "9",
        "--from",
        "dev",
        "--to",
        "test",
    )
    assert call.code == 1
    assert "Azure ML refused" in call.err


def test_plan_and_model_entity() -> None:
    dev, test, prod = (load_config(env) for env in ("dev", "test", "prod"))
    at = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    plan = promotion_plan(dev, test, MODEL, "3", run_id="r1", by="me", at=at)
    assert plan.copy and plan.tags == {
        "source_workspace": "mlw-mlops-dev",
        "source_version": "3",
        "run_id": "r1",
        "promoted_to_test_by": "me",
        "promoted_to_test_at": "2025-01-02T03:04:05+00:00",
    }
    assert plan.steps[-1].endswith(
        f"azureml://registries/mlr-mlops-shared/models/{MODEL}/versions/3"
    )
    later = promotion_plan(test, prod, MODEL, "3", by="me", at=at)
    assert not later.copy and set(later.tags) == {"promoted_to_prod_by", "promoted_to_prod_at"}
    assert source_model(later).path == later.registry_uri
    with pytest.raises(PromotionError):
        promotion_plan(prod, test, MODEL, "3")


def test_promoted_by_prefers_the_ci_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTOR", raising=False)
    monkeypatch.setenv("BUILD_REQUESTEDFOREMAIL", "dev@example.com")
    assert promoted_by() == "dev@example.com"
    monkeypatch.delenv("BUILD_REQUESTEDFOREMAIL")
    assert promoted_by()  # the local user name


def promote_call(source: str, target: str) -> Any:
    return run_cli(
        "promote", "--model", MODEL, "--version", "3", "--from", source, "--to", target
    )  # fmt: skip


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        (REJECTED, f"{MODEL}:3 was rejected by the gate (tag gate=rejected)"),
        (LINEAGE, f"{MODEL}:3 carries no gate evidence (tag gate is missing)"),
        ({**APPROVED, "data": "unknown"}, f"{MODEL}:3 lacks lineage tag(s) data"),
        ({"gate": "approved"}, "lacks lineage tag(s) git_commit, pipeline_run, data"),
    ],
)
def test_promote_refuses_a_version_without_the_gates_approval(
    registry: FakeAzure, tags: dict[str, str], message: str
) -> None:
    registry.get(DEV_MODEL)["properties"]["tags"] = tags
    call = promote_call("dev", "test")
    assert call.code == 6, call.err
    assert message in call.err
    assert call.err.count("\n") == 1 and "Traceback" not in call.err  # one sentence
    assert not registry.sent("POST", r"/import$"), "nothing is copied"
    assert not registry.sent("PUT", r"/models/"), "nothing is tagged"


def test_promote_to_prod_rechecks_the_registry_version(registry: FakeAzure) -> None:
    """A version that reached the registry by another route still needs the gate's approval."""
    registry.add(
        REGISTRY_MODEL,
        registry_model({**REJECTED, "promoted_to_test_at": "2025-01-01T00:00:00+00:00"}),
    )
    call = promote_call("test", "prod")
    assert call.code == 6
    assert "rejected by the gate" in call.err
    assert not registry.sent("PUT", r"/models/")
