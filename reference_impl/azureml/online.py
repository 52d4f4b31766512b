"""Managed online endpoint with blue/green deployments, smoke tests and rollback.

A release never replaces the serving deployment in place. The new version goes to the idle
colour with no traffic, is smoke-tested directly, then takes 10 %, 50 % and 100 % of the
traffic, with a smoke test through the endpoint after every shift. Any failed check sends all
traffic back to the previous colour and deletes the new deployment. After a good release the
previous colour stays deployed at 0 % until the next release replaces it, so
:func:`rollback` is one traffic update away.
"""

from __future__ import annotations

import json
import math
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from azure.ai.ml import MLClient
from azure.ai.ml.constants._endpoint import EndpointInvokeFields
from azure.ai.ml.entities import (
    CodeConfiguration,
    DataCollector,
    DeploymentCollection,
    ManagedOnlineDeployment,
    ManagedOnlineEndpoint,
    OnlineRequestSettings,
    ProbeSettings,
)
from azure.ai.ml.exceptions import MlException
from azure.core.exceptions import HttpResponseError, ResourceNotFoundError

from reference_impl.azureml.names import COLOURS, online_endpoint
from reference_impl.azureml.snapshot import SCORE_SCRIPT
from reference_impl.config import EnvironmentConfig
from reference_impl.config.project import load_project
from reference_impl.contract import DataContract, Task
from reference_impl.scoring.server_settings import settings_for
from reference_impl.scoring.smoke_request import write_smoke_request

TRAFFIC_STEPS = (10, 50, 100)
"""Share of traffic the new colour gets, step by step; each step ends with a smoke test."""

INSTANCE_TYPE = "Standard_DS3_v2"
"""VM size of the online deployments (4 vCPU, 14 GiB: ample for a tree ensemble)."""

INSTANCE_CPUS = 4
"""vCPUs of :data:`INSTANCE_TYPE`: one inference-server worker per vCPU."""

INSTANCE_COUNT = {"dev": 1, "test": 1, "prod": 3}
"""Instances per deployment; Azure ML recommends at least three for production."""

COLLECTIONS = ("model_inputs", "model_outputs")
"""What the data collector records; Azure ML registers each as ``<endpoint>-<colour>-<name>``."""

Log = Callable[[str], Any]


class RollbackError(RuntimeError):
    """There is no previous deployment to send traffic back to."""


def online_endpoint_entity(config: EnvironmentConfig, model_name: str) -> ManagedOnlineEndpoint:
    """The endpoint of ``model_name`` in an environment (traffic is set by the rollout).

    Args:
        config: The environment.
        model_name: Registered model name.

    Returns:
        A ``ManagedOnlineEndpoint`` with Microsoft Entra token authentication (no keys).
    """
    return ManagedOnlineEndpoint(
        name=online_endpoint(model_name, config),
        auth_mode="aad_token",
        description=f"Online scoring of {model_name} in {config.name} (blue/green).",
        tags={"environment": config.name, "model": model_name},
    )


# --8<-- [start:deployment]
def online_deployment(
    config: EnvironmentConfig,
    *,
    colour: str,
    model_name: str,
    model: str,
    code: str | Path,
    environment: str,
    instance_type: str = INSTANCE_TYPE,
    instance_cpus: int = INSTANCE_CPUS,
) -> ManagedOnlineDeployment:
    """One colour of the endpoint, pinned to one model version.

    Args:
        config: The environment.
        colour: ``blue`` or ``green``.
        model_name: Registered model name (names the endpoint).
        model: Explicit model reference (:func:`~reference_impl.azureml.models.model_reference`).
        code: The code snapshot folder, or the ARM id of an uploaded code asset.
        environment: Environment reference.
        instance_type: VM size.
        instance_cpus: Its vCPUs (sets the server's workers and concurrent requests).

    Returns:
        A ``ManagedOnlineDeployment`` running ``reference_impl/scoring/score.py``, with
        health probes, a request timeout, the server's worker and thread settings (the
        ones ``serve`` uses locally) and production-data collection for monitoring.
    """
    server = settings_for(instance_cpus)
    # One object per collection: the SDK writes each collection's data asset id into it.
    collections = {name: DeploymentCollection(enabled="true") for name in COLLECTIONS}
    return ManagedOnlineDeployment(
        name=colour,
        endpoint_name=online_endpoint(model_name, config),
        model=model,
        environment=environment,
        code_configuration=CodeConfiguration(code=str(code), scoring_script=SCORE_SCRIPT),
        instance_type=instance_type,
        instance_count=INSTANCE_COUNT[config.name],
        environment_variables=server.environment(),
        request_settings=OnlineRequestSettings(
            request_timeout_ms=5000,
            max_concurrent_requests_per_instance=server.max_concurrent_requests,
        ),
        liveness_probe=ProbeSettings(initial_delay=30, period=10, failure_threshold=3),
        readiness_probe=ProbeSettings(initial_delay=10, period=10, failure_threshold=3),
        app_insights_enabled=True,
        data_collector=DataCollector(collections=collections, sampling_rate=1.0),
        tags={"model": model},
    )
    # --8<-- [end:deployment]


def live_colour(traffic: Mapping[str, int]) -> str | None:
    """The colour that serves most traffic.

    Args:
        traffic: The endpoint's traffic split.

    Returns:
        Its name, or ``None`` when nothing gets traffic.
    """
    serving = [(share, name) for name, share in traffic.items() if share > 0]
    return max(serving)[1] if serving else None


def idle_colour(traffic: Mapping[str, int]) -> str:
    """The colour a new release goes to: the one not serving.

    Args:
        traffic: The endpoint's traffic split.

    Returns:
        ``blue`` for a first release, else the colour other than :func:`live_colour`.
    """
    live = live_colour(traffic)
    return COLOURS[0] if live is None else next(c for c in COLOURS if c != live)


# --8<-- [start:traffic-plan]
def traffic_plan(
    new: str, previous: str | None, steps: Sequence[int] = TRAFFIC_STEPS
) -> list[dict[str, int]]:
    """The traffic splits of a release, in order.

    Args:
        new: Colour of the new deployment.
        previous: Colour serving today, or ``None`` for a first release.
        steps: Percentages the new colour gets (the last one must be 100).

    Returns:
        One traffic split per step; a first release goes straight to 100 %.
    """
    if previous is None:
        return [{new: 100}]
    return [{new: share, previous: 100 - share} for share in steps]
    # --8<-- [end:traffic-plan]


# --8<-- [start:smoke-check]
def smoke_check(request: Mapping[str, Any], response_text: str, task: Task) -> str | None:
    """Check a scoring response against the request that produced it.

    Args:
        request: The request body, ``{"data": [row, ...]}``.
        response_text: What the endpoint answered.
        task: The model's task (its contract's): what each prediction must hold.

    Returns:
        ``None`` when the response is sound, else what is wrong.
    """
    try:
        answer = json.loads(response_text)
        if isinstance(answer, str):  # some servers double-encode JSON
            answer = json.loads(answer)
        predictions = answer["predictions"]
    except (ValueError, KeyError, TypeError):
        return f"response is not a prediction document: {response_text[:200]!r}"
    if len(predictions) != len(request["data"]):
        return f"{len(predictions)} predictions for {len(request['data'])} rows"
    names = load_project().outputs
    for item in predictions:
        if problem := _prediction_problem(item, task, names.probability, names.decision):
            return f"{problem} in {item!r}"
    return None


def _prediction_problem(item: Any, task: Task, probability: str, decision: str) -> str | None:
    """What one prediction lacks for ``task``, or ``None``.

    A classifier's answer holds a probability in [0, 1] and a decision of its kind (true or
    false for binary, a class name for multi-class); a regressor's a finite number.
    """
    if not isinstance(item, dict):
        return f"invalid {decision if task == 'regression' else probability}"
    value = item.get(decision)
    if task == "regression":
        number = isinstance(value, int | float) and not isinstance(value, bool)
        return None if number and math.isfinite(value) else f"invalid {decision}"
    p = item.get(probability)
    if isinstance(p, bool) or not isinstance(p, int | float) or not 0.0 <= p <= 1.0:
        return f"invalid {probability}"
    if not isinstance(value, bool if task == "binary" else str):
        return f"invalid {decision}"
    return None
    # --8<-- [end:smoke-check]


def smoke_test(
    ml_client: MLClient,
    endpoint: str,
    request_file: Path,
    task: Task,
    deployment: str | None = None,
) -> str | None:
    """Score the smoke request through the endpoint (or one deployment) and check the answer.

    Args:
        ml_client: Client of the workspace.
        endpoint: Endpoint name.
        request_file: JSON request (:func:`~reference_impl.scoring.smoke_request.smoke_request`).
        task: The model's task.
        deployment: Score this deployment directly instead of following the traffic split.

    Returns:
        ``None`` if the answer is sound, else why not.
    """
    request = json.loads(Path(request_file).read_text(encoding="utf-8"))
    # azure-ai-ml 1.35 writes the deployment header into a shared default-header dictionary,
    # so without a restore every later call would be pinned to that deployment.
    defaults = dict(EndpointInvokeFields.DEFAULT_HEADER)
    try:
        text = ml_client.online_endpoints.invoke(
            endpoint_name=endpoint, request_file=str(request_file), deployment_name=deployment
        )
    except (HttpResponseError, MlException) as exc:
        return f"scoring failed: {exc}"
    except AttributeError:  # the SDK fails to read some error bodies it does not expect
        return "scoring failed: the endpoint answered with an error"
    finally:
        EndpointInvokeFields.DEFAULT_HEADER.clear()
        EndpointInvokeFields.DEFAULT_HEADER.update(defaults)
    return smoke_check(request, text, task)


@dataclass
class Rollout:
    """What a release did.

    Attributes:
        endpoint: Endpoint name.
        colour: Colour of the new deployment.
        previous: Colour that served before, if any.
        ok: Whether the new deployment serves all traffic.
        traffic: Traffic split at the end.
        problem: Why the release was rolled back.
        log: What happened, step by step.
    """

    endpoint: str
    colour: str
    previous: str | None
    ok: bool = False
    traffic: dict[str, int] = field(default_factory=dict)
    problem: str | None = None
    log: list[str] = field(default_factory=list)


def _set_traffic(
    ml_client: MLClient, endpoint: ManagedOnlineEndpoint, traffic: dict[str, int]
) -> None:
    endpoint.traffic = traffic
    ml_client.online_endpoints.begin_create_or_update(endpoint).result()


def ensure_endpoint(ml_client: MLClient, endpoint: ManagedOnlineEndpoint) -> ManagedOnlineEndpoint:
    """Return the endpoint as Azure ML has it, creating it on the first release.

    Args:
        ml_client: Client of the workspace.
        endpoint: The endpoint entity.

    Returns:
        The existing or new endpoint.
    """
    try:
        return ml_client.online_endpoints.get(endpoint.name)
    except ResourceNotFoundError:
        return ml_client.online_endpoints.begin_create_or_update(endpoint).result()


# --8<-- [start:release]
def release(
    ml_client: MLClient,
    endpoint: ManagedOnlineEndpoint,
    deployment: ManagedOnlineDeployment,
    contract: DataContract,
    *,
    steps: Sequence[int] = TRAFFIC_STEPS,
    log: Log = print,
) -> Rollout:
    """Deploy to the idle colour, smoke-test, shift traffic step by step, roll back on failure.

    Args:
        ml_client: Client of the workspace.
        endpoint: The endpoint entity (created if missing).
        deployment: The new deployment; its ``name`` is replaced by the idle colour.
        contract: The model's data contract: the smoke tests send rows built from it.
        steps: Traffic percentages of the new colour.
        log: Receives one line per action.

    Returns:
        The outcome; on failure all traffic is back on the previous colour.
    """
    current = ensure_endpoint(ml_client, endpoint)
    traffic = dict(current.traffic or {})
    previous = live_colour(traffic)
    deployment.name = idle_colour(traffic)
    result = Rollout(endpoint=current.name, colour=deployment.name, previous=previous)

    def note(line: str) -> None:
        result.log.append(line)
        log(line)

    note(f"deploying {deployment.model} to {current.name}/{deployment.name} with no traffic")
    ml_client.online_deployments.begin_create_or_update(deployment).result()
    checks = [(None, deployment.name)] + [
        (split, None) for split in traffic_plan(deployment.name, previous, steps)
    ]
    with tempfile.TemporaryDirectory(prefix="reference-impl-smoke-") as folder:
        request_file = write_smoke_request(Path(folder), contract)
        for split, direct in checks:
            if split is not None:
                _set_traffic(ml_client, current, split)
                note(f"traffic {split}")
            problem = smoke_test(
                ml_client, current.name, request_file, contract.task, deployment=direct
            )
            where = "of " + direct if direct else "through the endpoint"
            note(f"smoke test {where}: {problem or 'ok'}")
            if problem:
                result.problem = problem
                result.traffic = rollback(
                    ml_client, current.name, failed=deployment.name, require_previous=False,
                    log=note,
                )  # fmt: skip
                return result
            result.traffic = dict(split or traffic)
    result.ok = True
    return result
    # --8<-- [end:release]


# --8<-- [start:rollback]
def rollback(
    ml_client: MLClient,
    endpoint_name: str,
    *,
    failed: str | None = None,
    require_previous: bool = True,
    log: Log = print,
) -> dict[str, int]:
    """Send all traffic back to the previous colour and delete the failed deployment.

    Args:
        ml_client: Client of the workspace.
        endpoint_name: Endpoint name.
        failed: The deployment to remove (default: the colour serving most traffic).
        require_previous: Refuse (change nothing) when no other colour is deployed; a failed
            first release passes ``False`` to remove its only deployment.
        log: Receives one line per action.

    Returns:
        The traffic split after the rollback (empty if no other colour exists).

    Raises:
        RollbackError: If ``require_previous`` and there is no colour to return to.
    """
    endpoint = ml_client.online_endpoints.get(endpoint_name)
    failed = failed or live_colour(endpoint.traffic or {})
    deployed = {d.name for d in ml_client.online_deployments.list(endpoint_name=endpoint_name)}
    previous = next((c for c in COLOURS if c != failed and c in deployed), None)
    if previous is None and require_previous:
        raise RollbackError(f"{endpoint_name} has no deployment other than {failed} to return to")
    traffic = {previous: 100} if previous else {}
    _set_traffic(ml_client, endpoint, traffic)
    log(f"rollback: traffic {traffic or 'none'}")
    if failed in deployed:
        ml_client.online_deployments.begin_delete(name=failed, endpoint_name=endpoint_name).result()
        log(f"rollback: deleted {endpoint_name}/{failed}")
    return traffic
    # --8<-- [end:rollback]
