"""A stand-in for Azure at the SDK's transport boundary.

``MLClient`` accepts ``transport=``: every HTTP request the real SDK builds (after its own
validation, serialisation, authentication policy and retries) reaches :class:`FakeAzure`
instead of the network. FakeAzure records each request and answers like Azure Resource
Manager would for the few resources these tests touch: it stores what is PUT, returns it on
GET, and answers the handful of data-plane calls (registry discovery, endpoint keys,
scoring). Nothing in azure-ai-ml is mocked.
"""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import jwt
import requests
import urllib3
from azure.core.credentials import AccessToken
from azure.core.pipeline._tools import is_rest
from azure.core.pipeline.transport import HttpTransport, RequestsTransportResponse
from requests.structures import CaseInsensitiveDict

SUBSCRIPTION = "00000000-0000-0000-0000-000000000000"
TENANT = "11111111-1111-1111-1111-111111111111"
REGION = "westeurope"
_PROVIDER = "/providers/Microsoft.MachineLearningServices/"


class FakeCredential:
    """A ``TokenCredential`` that signs nothing and reaches no identity provider.

    The SDK decodes tokens (without verifying them) to check the audience and read the
    tenant, so the token is a well-formed JWT with ``aud`` set to the requested resource.
    """

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        audience = scopes[0].removesuffix("/.default") if scopes else ""
        expires = int(time.time()) + 3600
        claims = {"aud": audience, "tid": TENANT, "oid": "test-user", "exp": expires}
        return AccessToken(jwt.encode(claims, "x" * 32, algorithm="HS256"), expires)


@dataclass
class Recorded:
    """One request as the SDK sent it."""

    method: str
    url: str
    headers: dict[str, str]
    body: Any
    via: str = "client"  # "default": sent by a client the SDK built without the given transport

    @property
    def path(self) -> str:
        return urlsplit(self.url).path

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc


def _response(
    request: Any,
    status: int,
    body: Any,
    headers: dict[str, str] | None = None,
    *,
    stream: bool = False,
) -> Any:
    """Wrap a canned answer in the response class azure-core expects for ``request``.

    A streamed download (``stream=True``, e.g. a blob) is handed over unread.
    """
    content = (
        b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    )
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    raw = requests.Response()
    raw.status_code = status
    raw.reason = "OK" if status < 400 else "Error"
    raw.url = request.url
    raw.headers = CaseInsensitiveDict(all_headers)
    raw.raw = urllib3.HTTPResponse(
        body=io.BytesIO(content), headers=all_headers, status=status, preload_content=False
    )
    if is_rest(request):
        from azure.core.rest._requests_basic import RestRequestsTransportResponse

        response = RestRequestsTransportResponse(request=request, internal_response=raw)
        if not stream:
            response.read()
        return response
    return RequestsTransportResponse(request, raw)


@dataclass
class FakeAzure(HttpTransport):
    """Records requests and answers them from an in-memory set of ARM resources.

    Attributes:
        resources: ARM resource JSON by lower-cased resource path.
        requests: Every request, in order.
        scoring: Answers ``POST .../score`` of online endpoints (body in, body out).
        handlers: Extra ``(method, path regex) -> handler`` answers checked first; a handler
            returns ``(status, body)`` or ``(status, body, headers)``.
    """

    resources: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[Recorded] = field(default_factory=list)
    scoring: Callable[[Any], Any] | None = None
    handlers: list[tuple[str, str, Callable[[Recorded], tuple[int, Any]]]] = field(
        default_factory=list
    )

    # HttpTransport interface -------------------------------------------------------------
    def __enter__(self) -> FakeAzure:
        return self

    def __exit__(self, *args: Any) -> None:
        return None

    def open(self) -> None:
        return None

    def close(self) -> None:
        return None

    def send(self, request: Any, *, via: str = "client", **kwargs: Any) -> Any:
        body = request.content if is_rest(request) else request.body
        if isinstance(body, bytes):
            body = body.decode()
        try:
            parsed = json.loads(body) if body else None
        except ValueError:
            parsed = body
        recorded = Recorded(request.method, request.url, dict(request.headers), parsed, via)
        self.requests.append(recorded)
        status, answer, *headers = self._answer(recorded)  # a handler may add headers
        return _response(
            request,
            status,
            answer,
            headers[0] if headers else None,
            stream=bool(kwargs.get("stream")),
        )

    # Stored resources ----------------------------------------------------------------------
    def add(self, path: str, resource: dict[str, Any]) -> None:
        """Store a resource as if it had been created before the test."""
        self.resources[path.lower()] = {
            "id": _arm_id(path),
            "name": path.rsplit("/", 1)[-1],
            **resource,
        }

    def get(self, path: str) -> dict[str, Any] | None:
        return self.resources.get(path.lower())

    def sent(self, method: str, pattern: str) -> list[Recorded]:
        """Requests with ``method`` whose path matches the regular expression ``pattern``."""
        return [r for r in self.requests if r.method == method and re.search(pattern, r.path)]

    def _answer(self, request: Recorded) -> tuple[int, Any]:
        for method, pattern, handler in self.handlers:
            if request.method == method and re.search(pattern, request.path):
                return handler(request)
        if request.path.endswith("/score"):
            return 200, self.scoring(request.body) if self.scoring else {}
        if "/registrymanagement/" in request.path and request.path.endswith("/discovery"):
            return 200, registry_discovery(request.path.split("/")[-2])
        if request.path == "/discovery":
            return 200, workspace_discovery()
        key = request.path.lower()
        if request.method == "PUT":
            stored = dict(request.body or {})
            stored.update({"id": _arm_id(request.path), "name": request.path.rsplit("/", 1)[-1]})
            properties = stored.setdefault("properties", {})
            if isinstance(properties, dict):
                properties.setdefault("provisioningState", "Succeeded")
                _server_fields(request.path, stored["name"], properties)
            self.resources[key] = stored
            return 200, stored
        if request.method == "GET":
            if key in self.resources:
                return 200, self.resources[key]
            children = [v for k, v in self.resources.items() if k.rsplit("/", 1)[0] == key]
            if children or key.endswith(("/deployments", "/jobs", "/versions")):
                return 200, {"value": children}
            return 404, {
                "error": {"code": "ResourceNotFound", "message": f"{request.path} not found"}
            }
        if request.method == "DELETE":
            self.resources.pop(key, None)
            return 200, None
        return 404, {
            "error": {"code": "NotFound", "message": f"no fake for {request.method} {request.path}"}
        }


def _arm_id(path: str) -> str:
    """The id Azure gives the resource at a request path.

    Registry assets are identified as ``azureml://registries/<name>/...``; workspace resources
    by their ARM path (regional endpoints prefix paths, e.g. with ``/mferp/...``).
    """
    registry = re.search(r"/registries/([^/]+)/(.+)$", path)
    if registry:
        return f"azureml://registries/{registry.group(1)}/{registry.group(2)}"
    return path[path.find("/subscriptions/") :] if "/subscriptions/" in path else path


def _server_fields(path: str, name: str, properties: dict[str, Any]) -> None:
    """Fields Azure adds to what was PUT: a job's status and studio link, an endpoint's URI."""
    if re.search(r"/jobs/[^/]+$", path):
        properties.setdefault("status", "NotStarted")
        properties.setdefault(
            "services", {"Studio": {"endpoint": f"https://ml.azure.com/runs/{name}"}}
        )
    elif re.search(r"/onlineEndpoints/[^/]+/deployments/[^/]+$", path):
        properties.setdefault("scaleSettings", {"scaleType": "Default"})
    elif re.search(r"/onlineEndpoints/[^/]+$", path):
        properties["scoringUri"] = f"https://{name}.{REGION}.inference.ml.azure.com/score"
    elif re.search(r"/batchEndpoints/[^/]+$", path):
        properties["scoringUri"] = f"https://{name}.{REGION}.inference.ml.azure.com/jobs"


def workspace_path(resource_group: str, workspace: str) -> str:
    """ARM path of a workspace."""
    return (
        f"/subscriptions/{SUBSCRIPTION}/resourceGroups/{resource_group}{_PROVIDER}"
        f"workspaces/{workspace}"
    )


def registry_path(registry: str, resource_group: str = "rg-mlops-shared") -> str:
    """ARM path of a registry."""
    return (
        f"/subscriptions/{SUBSCRIPTION}/resourceGroups/{resource_group}{_PROVIDER}"
        f"registries/{registry}"
    )


def registry_discovery(registry: str) -> dict[str, Any]:
    """The registry discovery answer: where the registry lives."""
    return {
        "registryName": registry,
        "primaryRegion": REGION,
        "regions": [REGION],
        "subscriptionId": SUBSCRIPTION,
        "resourceGroup": "rg-mlops-shared",
        "primaryRegionResourceProviderUri": f"https://{REGION}.api.azureml.ms/",
        "workspaceId": None,
    }


def workspace_discovery() -> dict[str, str]:
    """The workspace discovery answer: base URLs of the data-plane services."""
    base = f"https://{REGION}.api.azureml.ms"
    return {key: base for key in ("api", "catalog", "experimentation", "history", "hyperdrive")}


def workspace_resource(resource_group: str, workspace: str) -> dict[str, Any]:
    """A workspace as ARM returns it (only what the SDK reads)."""
    path = workspace_path(resource_group, workspace)
    return {
        "location": REGION,
        "kind": "Default",
        "properties": {
            "friendlyName": workspace,
            "workspaceId": "22222222-2222-2222-2222-222222222222",
            "discoveryUrl": f"https://{REGION}.api.azureml.ms/discovery",
            "mlFlowTrackingUri": f"azureml://{REGION}.api.azureml.ms/mlflow/v1.0{path}",
            "provisioningState": "Succeeded",
        },
    }


def cluster_resource(name: str, size: str) -> dict[str, Any]:
    """An AmlCompute cluster as ARM returns it."""
    return {
        "location": REGION,
        "properties": {
            "computeType": "AmlCompute",
            "provisioningState": "Succeeded",
            "properties": {
                "vmSize": size,
                "vmPriority": "Dedicated",
                "scaleSettings": {
                    "minNodeCount": 0,
                    "maxNodeCount": 2,
                    "nodeIdleTimeBeforeScaleDown": "PT900S",
                },
            },
        },
    }
