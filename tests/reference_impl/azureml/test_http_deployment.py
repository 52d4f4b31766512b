"""Blue/green releases and rollback of the online endpoint, down to the HTTP requests.

The scoring URI of the endpoint is answered by the stand-in too, so the smoke tests run for
real: the SDK invokes the endpoint with rows built from the model's data contract and the
release logic checks the answer. One release is answered by the real scoring script, serving a
model trained on another table (a regressor).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reference_impl.azureml.client import workspace_client
from reference_impl.azureml.models import VersionError, model_reference
from reference_impl.azureml.online import (
    RollbackError,
    idle_colour,
    live_colour,
    online_deployment,
    online_endpoint_entity,
    release,
    rollback,
    smoke_check,
    traffic_plan,
)
from reference_impl.config import load_config
from reference_impl.config.project import load_project
from reference_impl.contract import DataContract, load_contract
from reference_impl.contract_tag import CONTRACT_TAG, contract_fingerprint
from reference_impl.scoring.smoke_request import smoke_request
from tests.reference_impl.azureml.answers import good_answer
from tests.reference_impl.azureml.conftest import code_asset, run_cli
from tests.reference_impl.azureml.fake_azure import (
    FakeAzure,
    FakeCredential,
    workspace_path,
)
from tests.reference_impl.azureml.model_versions import APPROVED, RELEASES, seed_versions
from tests.reference_impl.identity import (
    DECISION,
    MODEL,
    PROB,
    RUNTIME,
)

pytestmark = pytest.mark.usefixtures("approved_versions")

PROJECT = load_project()

WS = workspace_path("rg-mlops-dev", "mlw-mlops-dev")
ENDPOINT = f"{WS}/onlineEndpoints/{MODEL}-dev"
CONTRACT = load_contract(load_config("dev").data.contract)
REQUEST = smoke_request(CONTRACT)


def serving(azure: FakeAzure, traffic: dict[str, int]) -> None:
    """An endpoint that already serves: its deployments exist and take ``traffic``."""
    azure.add(
        ENDPOINT,
        {
            "location": "westeurope",
            "properties": {
                "authMode": "AADToken",
                "traffic": traffic,
                "scoringUri": f"https://{MODEL}-dev.westeurope.inference.ml.azure.com/score",
                "provisioningState": "Succeeded",
            },
        },
    )
    for colour in traffic:
        azure.add(
            f"{ENDPOINT}/deployments/{colour}",
            {
                "location": "westeurope",
                "properties": {
                    "endpointComputeType": "Managed",
                    "model": f"{WS}/models/{MODEL}/versions/2",
                    "scaleSettings": {"scaleType": "Default"},
                    "provisioningState": "Succeeded",
                },
                "sku": {"name": "Default", "capacity": 1},
            },
        )


def new_release(
    azure: FakeAzure, version: str = "3", contract: DataContract = CONTRACT, **kwargs: Any
) -> Any:
    config = load_config("dev")
    ml_client = workspace_client(config, FakeCredential(), transport=azure)
    deployment = online_deployment(
        config,
        colour="blue",
        model_name=MODEL,
        model=model_reference(config, MODEL, version),
        code=code_asset(config),
        environment=f"azureml:{RUNTIME}:0123456789ab",
    )
    endpoint = online_endpoint_entity(config, MODEL)
    return release(ml_client, endpoint, deployment, contract, log=lambda line: None, **kwargs)


def traffic_updates(azure: FakeAzure) -> list[dict[str, int]]:
    return [
        r.body["properties"]["traffic"]
        for r in azure.sent("PUT", rf"/onlineEndpoints/{MODEL}-dev$")
    ]


def score_calls(azure: FakeAzure) -> list[Any]:
    return [r for r in azure.requests if r.method == "POST" and r.path == "/score"]


def test_first_release_creates_the_endpoint_and_goes_straight_to_blue(azure: FakeAzure) -> None:
    azure.scoring = good_answer
    rollout = new_release(azure)
    assert rollout.ok and (rollout.colour, rollout.previous) == ("blue", None)
    assert rollout.traffic == {"blue": 100}

    # The endpoint is created with Entra ID auth and no traffic, then blue gets all of it.
    created = azure.sent("PUT", rf"/onlineEndpoints/{MODEL}-dev$")[0]
    assert created.path == ENDPOINT
    assert created.body["properties"]["authMode"] == "AADToken"
    assert traffic_updates(azure) == [{}, {"blue": 100}]

    # The deployment create: PUT .../onlineEndpoints/<endpoint>/deployments/blue.
    (put,) = azure.sent("PUT", r"/deployments/blue$")
    assert put.path == f"{ENDPOINT}/deployments/blue"
    props = put.body["properties"]
    assert props["model"] == f"{WS}/models/{MODEL}/versions/3"
    assert props["codeConfiguration"] == {
        "codeId": code_asset(load_config("dev")),
        "scoringScript": "reference_impl/scoring/score.py",
    }
    assert props["environmentId"] == f"{WS}/environments/{RUNTIME}/versions/0123456789ab"
    assert props["instanceType"] == "Standard_DS3_v2"
    assert put.body["sku"]["capacity"] == 1
    assert props["livenessProbe"]["initialDelay"] == "PT30S"
    assert props["requestSettings"]["requestTimeout"] == "PT5S"
    assert props["appInsightsEnabled"] is True
    collections = props["dataCollector"]["collections"]
    assert set(collections) == {"model_inputs", "model_outputs"}
    # The SDK registers what the collector records as data assets the monitor reads.
    assert azure.sent("PUT", rf"/data/{MODEL}-dev-blue-model_inputs/versions/1$")
    assert azure.sent("PUT", rf"/data/{MODEL}-dev-blue-model_outputs/versions/1$")

    # Smoke tests: the contract's rows, first straight to blue, then through the endpoint.
    calls = score_calls(azure)
    assert [c.body for c in calls] == [REQUEST, REQUEST]
    assert calls[0].headers["azureml-model-deployment"] == "blue"
    assert "azureml-model-deployment" not in calls[1].headers
    assert all(c.headers["Authorization"].startswith("Bearer ") for c in calls)


def test_second_release_shifts_traffic_to_green_in_steps(azure: FakeAzure) -> None:
    serving(azure, {"blue": 100})
    azure.scoring = good_answer
    rollout = new_release(azure, version="4")
    assert rollout.ok and (rollout.colour, rollout.previous) == ("green", "blue")
    assert traffic_updates(azure) == [
        {"green": 10, "blue": 90},
        {"green": 50, "blue": 50},
        {"green": 100},  # a 0 % share is not sent
    ]
    assert (
        azure.sent("PUT", r"/deployments/green$")[0]
        .body["properties"]["model"]
        .endswith("/versions/4")
    )
    assert len(score_calls(azure)) == 4  # green alone, then after each of the three shifts
    assert not azure.sent("DELETE", r"/deployments/"), "blue stays deployed for a fast rollback"
    assert [line.split(":")[0] for line in rollout.log][:2] == [
        "deploying azureml",
        "smoke test of green",
    ]


def test_a_failed_smoke_test_rolls_back_and_deletes_the_new_colour(azure: FakeAzure) -> None:
    serving(azure, {"blue": 100})
    answers = iter([good_answer, good_answer, lambda body: {"predictions": []}])
    azure.scoring = lambda body: next(answers)(body)
    rollout = new_release(azure)
    assert not rollout.ok
    assert rollout.problem == "0 predictions for 3 rows"
    assert traffic_updates(azure) == [
        {"green": 10, "blue": 90},
        {"green": 50, "blue": 50},
        {"blue": 100},
    ]
    (delete,) = azure.sent("DELETE", r"/deployments/green$")
    assert delete.path == f"{ENDPOINT}/deployments/green"
    assert rollout.traffic == {"blue": 100}


@pytest.mark.parametrize(
    "answer",
    [
        (400, {"message": "boom"}),  # what score.py answers a malformed request
        (400, {"error": "boom"}),
        (424, {"error": {"code": "ModelError", "message": "the model failed"}}),
        (502, b"bad gateway"),
    ],
)
def test_a_scoring_error_counts_as_a_failed_smoke_test(
    answer: tuple[int, Any], azure: FakeAzure
) -> None:
    serving(azure, {"blue": 100})
    azure.handlers.append(("POST", r"^/score$", lambda r: answer))
    rollout = new_release(azure)
    assert not rollout.ok and rollout.problem.startswith("scoring failed")
    assert traffic_updates(azure) == [{"blue": 100}]  # never got traffic
    assert azure.sent("DELETE", r"/deployments/green$")


def test_smoke_tests_do_not_leak_the_deployment_header(azure: FakeAzure) -> None:
    from azure.ai.ml.constants._endpoint import EndpointInvokeFields

    serving(azure, {"blue": 100})
    azure.scoring = good_answer
    assert new_release(azure).ok
    assert EndpointInvokeFields.DEFAULT_HEADER == {"Content-Type": "application/json"}
    routed = [c.headers.get("azureml-model-deployment") for c in score_calls(azure)]
    assert routed == ["green", None, None, None]


def test_a_failed_first_release_removes_its_only_deployment(azure: FakeAzure) -> None:
    azure.scoring = lambda body: "not json"
    rollout = new_release(azure)
    assert not rollout.ok and rollout.problem.startswith("response is not a prediction document")
    assert rollout.traffic == {}
    assert azure.sent("DELETE", r"/deployments/blue$")


@pytest.fixture(scope="module")
def regressor(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DataContract]:
    """The champion of a project moved to scikit-learn's diabetes table (a numeric label)."""
    from reference_impl.registry import CHAMPION
    from tests.reference_impl.lifecycle.conftest import call
    from tests.reference_impl.lifecycle.test_your_data_your_model import (
        TASKS,
        bundled,
        download_champion,
        infer,
    )

    name, settings, _, _ = TASKS["regression"]
    folder = tmp_path_factory.mktemp("regressor")
    data = bundled(name, folder)
    code, _, err = infer(data, "regression", folder / "contract.yaml")
    assert code == 0, err
    code, _, err = call(
        ["train", "--workdir", str(folder / "work"), "--data", str(data), "--contract",
         str(folder / "contract.yaml"), "--set", "data.min_rows=100", *settings]
    )  # fmt: skip
    assert code == 0, err
    download_champion(folder / "work", folder / "served", CHAMPION)
    return folder / "served", load_contract(folder / "contract.yaml")


def test_a_model_of_another_table_passes_the_smoke_tests_of_its_release(
    azure: FakeAzure, regressor: tuple[Path, DataContract], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every release sent the bundled sample and asked for a probability: a model trained on
    another table was answered ``unexpected field(s)``, a regressor has no probability, and
    either release was rolled back. Here the endpoint is answered by the real scoring script."""
    from reference_impl.scoring import score

    served, contract = regressor
    monkeypatch.setenv("AZUREML_MODEL_DIR", str(served))
    score.init()

    def answer(request: Any) -> tuple[int, Any]:
        result = score.run(json.dumps(request.body))
        if isinstance(result, dict):
            return 200, result
        return result.status_code, json.loads(result.get_data(as_text=True))

    azure.handlers.append(("POST", r"^/score$", answer))
    serving(azure, {"blue": 100})
    rollout = new_release(azure, contract=contract)
    assert rollout.ok, rollout.problem
    calls = score_calls(azure)
    assert [c.body for c in calls] == [smoke_request(contract)] * 4  # green, then 3 shifts
    assert "bmi" in calls[0].body["data"][0] and "tenure_months" not in calls[0].body["data"][0]


def test_rollback_command_returns_to_the_previous_colour(azure: FakeAzure) -> None:
    serving(azure, {"green": 100, "blue": 0})
    call = run_cli("rollback", "--env", "dev")
    assert call.code == 0, call.err
    assert traffic_updates(azure) == [{"blue": 100}]
    (delete,) = azure.sent("DELETE", r"/deployments/")
    assert delete.path == f"{ENDPOINT}/deployments/green"


def test_rollback_without_a_previous_colour_changes_nothing(azure: FakeAzure) -> None:
    serving(azure, {"blue": 100})
    call = run_cli("rollback", "--env", "dev", "--model", MODEL)
    assert call.code == 1
    assert "no deployment other than blue" in call.err
    assert not azure.sent("PUT", r"/onlineEndpoints/") and not azure.sent("DELETE", r".")


def test_rollback_function_refuses_without_previous(azure: FakeAzure) -> None:
    serving(azure, {"blue": 100})
    ml_client = workspace_client(load_config("dev"), FakeCredential(), transport=azure)
    with pytest.raises(RollbackError):
        rollback(ml_client, f"{MODEL}-dev", log=lambda line: None)


@pytest.mark.parametrize(("env", "model"), RELEASES)
def test_deploy_command_releases_online(env: str, model: str, azure: FakeAzure) -> None:
    azure.scoring = good_answer
    config = load_config(env)
    ws = WS.replace("-dev", f"-{env}")
    call = run_cli(
        "deploy", "--target", "azureml", "--env", env, "--model", MODEL,
        "--version", "3", "--code", code_asset(config),
    )  # fmt: skip
    assert call.code == 0, call.err
    assert f"{MODEL}-{env}: blue serves {MODEL}:3" in call.out
    assert azure.sent("PUT", rf"/environments/{RUNTIME}/versions/[0-9a-f]{{12}}$")[
        0
    ].path.startswith(ws)
    online = azure.sent("PUT", rf"/onlineEndpoints/{MODEL}-{env}/deployments/blue$")[0]
    assert online.body["properties"]["model"] == model.replace("-dev", f"-{env}")


def test_deploy_reports_a_rolled_back_release(azure: FakeAzure) -> None:
    azure.scoring = lambda body: {"predictions": [{PROB: 7}] * len(body["data"])}
    call = run_cli(
        "deploy", "--env", "dev", "--model", MODEL, "--version", "3",
        "--code", code_asset(load_config("dev")),
    )  # fmt: skip
    assert call.code == 1
    assert f"release rolled back: invalid {PROB}" in call.err
    assert not azure.sent("PUT", r"/batchEndpoints/"), "batch keeps the old version"


@pytest.mark.parametrize("check", [[], ["--check-gate"]], ids=["release", "check-gate"])
def test_a_version_trained_with_another_contract_is_refused_before_anything_is_created(
    azure: FakeAzure, check: list[str]
) -> None:
    """Its smoke tests sent rows of the environment's contract, which the model refuses: the
    release rolled back after a managed deployment had been created for nothing."""
    narrower = CONTRACT.model_copy(update={"features": CONTRACT.features[:-1]})
    seed_versions(azure, {**APPROVED, CONTRACT_TAG: contract_fingerprint(narrower)})
    call = run_cli(
        "deploy", "--env", "dev", "--model", MODEL, "--version", "3", *check,
        "--code", code_asset(load_config("dev")),
    )  # fmt: skip
    assert call.code == 2, call.err
    assert call.err == (
        f"error: {MODEL}:3 was trained with another data contract than data.contract "
        f"({load_config('dev').data.contract}); set data.contract to the contract it was "
        "trained with, so the rows sent and read are the ones the model takes\n"
    )
    assert not azure.sent("PUT", r".") and not score_calls(azure)


def test_colour_and_traffic_rules() -> None:
    assert live_colour({}) is None and idle_colour({}) == "blue"
    assert (
        live_colour({"blue": 100, "green": 0}) == "blue" and idle_colour({"blue": 100}) == "green"
    )
    assert idle_colour({"green": 90, "blue": 10}) == "blue"
    assert traffic_plan("blue", None) == [{"blue": 100}]
    assert traffic_plan("green", "blue", (25, 100)) == [
        {"green": 25, "blue": 75},
        {"green": 100, "blue": 0},
    ]


def test_smoke_check_rules() -> None:
    ok = json.dumps(good_answer(REQUEST))
    assert smoke_check(REQUEST, ok, "binary") is None
    assert smoke_check(REQUEST, json.dumps(ok), "binary") is None  # double-encoded JSON
    assert smoke_check(REQUEST, '{"predictions": [1, 2, 3]}', "binary") == f"invalid {PROB} in 1"
    assert smoke_check(REQUEST, "[]", "binary").startswith("response is not a prediction document")


@pytest.mark.parametrize(
    ("task", "prediction", "problem"),
    [
        ("binary", {PROB: 0.2, DECISION: False}, None),
        ("binary", {PROB: 0.2, DECISION: "no"}, f"invalid {DECISION}"),
        ("binary", {PROB: True, DECISION: True}, f"invalid {PROB}"),
        ("binary", {PROB: 1.5, DECISION: True}, f"invalid {PROB}"),
        ("multiclass", {PROB: 0.6, DECISION: "gold", f"{PROB}_gold": 0.6}, None),
        ("multiclass", {PROB: 0.6, DECISION: 2}, f"invalid {DECISION}"),
        ("regression", {DECISION: 151.2}, None),
        ("regression", {DECISION: -3}, None),
        ("regression", {PROB: 0.5}, f"invalid {DECISION}"),  # a classifier's answer
        ("regression", {DECISION: True}, f"invalid {DECISION}"),
        ("regression", {DECISION: "151.2"}, f"invalid {DECISION}"),
    ],
)
def test_smoke_check_asks_each_task_for_its_own_answer(
    task: str, prediction: dict[str, Any], problem: str | None
) -> None:
    """The check asked every answer for a probability: a regressor has none, so a model with a
    numeric label failed every smoke test and could never be released."""
    answer = json.dumps({"predictions": [prediction] * 3})
    expected = None if problem is None else f"{problem} in {prediction!r}"
    assert smoke_check(REQUEST, answer, task) == expected


@pytest.mark.online
def test_the_smoke_request_fits_any_contract_and_probes_its_edges() -> None:
    """Built from the shipped contract: every feature, no id or label; each number at its
    minimum, middle and maximum; the category lists read in turn. The real request parser of
    the scoring script accepts every row."""
    from reference_impl.scoring.request import RequestParser

    rows = REQUEST["data"]
    assert [list(row) for row in rows] == [CONTRACT.feature_names] * 3
    for feature in CONTRACT.numeric:
        assert rows[0][feature.name] == feature.minimum
        assert rows[2][feature.name] == feature.maximum
        assert feature.minimum <= rows[1][feature.name] <= feature.maximum
    for feature in CONTRACT.categorical:
        assert [row[feature.name] for row in rows] == [
            feature.categories[i % len(feature.categories)] for i in range(3)
        ]
    assert len(RequestParser(CONTRACT).rows(json.dumps(REQUEST))) == 3


def test_model_references_are_explicit() -> None:
    dev, prod = load_config("dev"), load_config("prod")
    assert model_reference(dev, "m", "3") == "azureml:m:3"
    assert (
        model_reference(prod, "m", "12")
        == "azureml://registries/mlr-mlops-shared/models/m/versions/12"
    )
    for bad in ("latest", "3.1", "@champion", "v3"):
        with pytest.raises(VersionError):
            model_reference(prod, "m", bad)


def test_only_the_registry_template_check_bypasses_the_client(
    azure: FakeAzure, blocked: list[str]
) -> None:
    """azure-ai-ml 1.35 looks for a registry model's default deployment template with a client
    of its own (not the MLClient's transport): registry discovery, then the model version."""
    azure.scoring = good_answer
    config = load_config("prod")
    call = run_cli(
        "deploy", "--env", "prod", "--model", MODEL, "--version", "3",
        "--code", code_asset(config),
    )  # fmt: skip
    assert call.code == 0, call.err
    assert blocked == []
    bypass = {(r.host, r.path.rsplit("/", 2)[-2]) for r in azure.requests if r.via == "default"}
    assert bypass == {
        ("eastus.api.azureml.ms", "mlr-mlops-shared"),  # .../registries/<name>/discovery
        ("westeurope.api.azureml.ms", "versions"),  # .../models/<model>/versions/3
    }
    # Production runs three instances.
    (online,) = azure.sent("PUT", rf"/onlineEndpoints/{MODEL}-prod/deployments/blue$")
    assert online.body["sku"]["capacity"] == 3


def test_workspace_models_need_no_request_outside_the_client(azure: FakeAzure) -> None:
    azure.scoring = good_answer
    assert new_release(azure).ok
    assert all(r.via == "client" for r in azure.requests)
