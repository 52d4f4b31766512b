"""Fixtures of the Azure ML target tests: no network, a stand-in for Azure, captured CLI runs.

azure-ai-ml takes seconds to import; it is imported once here for the whole directory.
"""

from __future__ import annotations

import contextlib
import functools
import io
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import reference_impl
from reference_impl.cli import main as cli
from reference_impl.config import ENVIRONMENTS, EnvironmentConfig, load_config
from tests.reference_impl.azureml.fake_azure import (
    FakeAzure,
    FakeCredential,
    cluster_resource,
    workspace_path,
    workspace_resource,
)

# The project root, wherever the project is copied.
ROOT = Path(reference_impl.__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Silence azure-ai-ml 1.35's own deprecation noise (marshmallow 4) in these tests only."""
    here = Path(__file__).resolve().parent
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(here):
            item.add_marker(
                pytest.mark.filterwarnings("ignore::marshmallow.warnings.Marshmallow4Warning")
            )


@pytest.fixture(autouse=True)
def blocked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Refuse every connection and name lookup that is not loopback; list the hosts refused.

    A request that reaches a socket did not go through the stand-in transport: the SDK made
    it with a client of its own. Tests assert on this list. The real transport's retry
    back-off is skipped so a refused request fails fast.
    """
    from azure.core.pipeline.transport import RequestsTransport

    refused: list[str] = []
    connect = socket.socket.connect
    getaddrinfo = socket.getaddrinfo

    def guarded_connect(sock: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else None
        if host is not None and host not in _LOOPBACK:
            refused.append(str(host))
            raise OSError(f"test tried to reach {address}: the network is blocked")
        return connect(sock, address)

    def guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        if host is not None and host not in _LOOPBACK:
            refused.append(str(host))
            raise OSError(f"test tried to resolve {host}: the network is blocked")
        return getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    monkeypatch.setattr(RequestsTransport, "sleep", lambda self, duration: None)
    return refused


@dataclass
class Call:
    """One CLI invocation: exit code and captured output."""

    code: int
    out: str
    err: str


def run_cli(*argv: str) -> Call:
    """Run ``python -m reference_impl`` in this process and capture what it prints."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli(list(argv))
    return Call(code, out.getvalue(), err.getvalue())


def code_asset(config: EnvironmentConfig) -> str:
    """ARM id of an already uploaded code snapshot in the environment's workspace."""
    path = workspace_path(config.azure.resource_group, config.azure.workspace)
    return f"{path}/codes/reference-impl/versions/1"


def seed_workspace(azure: FakeAzure, config: EnvironmentConfig) -> str:
    """Put the workspace and its cluster (made by the infrastructure code) into the fake."""
    path = workspace_path(config.azure.resource_group, config.azure.workspace)
    azure.add(path, workspace_resource(config.azure.resource_group, config.azure.workspace))
    azure.add(
        f"{path}/computes/{config.compute.name}",
        cluster_resource(config.compute.name, config.compute.size),
    )
    return path


@pytest.fixture
def azure(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeAzure]:
    """A fresh stand-in for Azure that the commands' client factories talk to.

    The dev, test and prod workspaces (with their clusters) exist, as the infrastructure
    code would have made them. A few SDK operations build HTTP clients of their own, without
    the ``MLClient``'s transport (registry look-ups); azure-core's default transport is
    pointed at the same stand-in, and those requests are recorded with ``via="default"``.
    """
    from azure.core.pipeline.transport import RequestsTransport

    from reference_impl.azureml import client

    fake = FakeAzure()
    monkeypatch.setattr(
        RequestsTransport,
        "send",
        lambda self, request, **kw: fake.send(request, via="default", **kw),
    )
    for env in ENVIRONMENTS:
        seed_workspace(fake, load_config(env))
    for name in ("workspace_client", "registry_client"):
        factory = getattr(client, name)
        monkeypatch.setattr(
            client, name, functools.partial(factory, credential=FakeCredential(), transport=fake)
        )
    yield fake


@pytest.fixture(scope="session")
def dev() -> EnvironmentConfig:
    return load_config("dev")


@pytest.fixture
def approved_versions(azure: FakeAzure) -> None:
    """Version 3 passed the gate and carries its lineage, in every workspace and the registry."""
    from tests.reference_impl.azureml.model_versions import APPROVED, seed_versions

    seed_versions(azure, APPROVED)
