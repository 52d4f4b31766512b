"""``serve`` and the managed online deployment run the inference server with one rule."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from reference_impl.commands.serve import server_command
from reference_impl.scoring.server_settings import (
    KEEP_ALIVE_SECONDS,
    SPREAD_CONNECTIONS,
    THREADS_PER_WORKER,
    kernel_spreads_connections,
    settings_for,
)


@pytest.mark.parametrize("cpus", [1, 2, 4, 16])
def test_one_worker_per_core_one_openmp_thread_each(cpus: int) -> None:
    settings = settings_for(cpus)
    env = settings.environment()
    assert env["WORKER_COUNT"] == str(cpus)
    assert env["GUNICORN_CMD_ARGS"] == (
        f"--threads {THREADS_PER_WORKER} --keep-alive {KEEP_ALIVE_SECONDS} {SPREAD_CONNECTIONS}"
    )
    assert env["OMP_NUM_THREADS"] == "1"
    assert settings.max_concurrent_requests == cpus * THREADS_PER_WORKER


def test_no_cores_reported_still_gives_one_worker() -> None:
    assert settings_for(0).workers == 1


@pytest.mark.parametrize("platform", ["linux", "darwin", "freebsd14", "win32"])
def test_only_linux_spreads_connections_over_sockets_of_their_own(platform: str) -> None:
    assert kernel_spreads_connections(platform) is (platform == "linux")
    spread = settings_for(2, spread_connections=kernel_spreads_connections(platform))
    assert (SPREAD_CONNECTIONS in spread.environment()["GUNICORN_CMD_ARGS"].split()) is (
        platform == "linux"
    )


@pytest.mark.parametrize("platform", ["linux", "darwin"])
def test_serve_applies_the_settings_of_this_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platform: str
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    command, env = server_command(tmp_path, 5123)
    expected = settings_for(
        os.cpu_count() or 1, spread_connections=platform == "linux"
    ).environment()
    assert {key: env[key] for key in expected if key != "GUNICORN_CMD_ARGS"} == {
        key: value for key, value in expected.items() if key != "GUNICORN_CMD_ARGS"
    }
    assert env["GUNICORN_CMD_ARGS"].split() == [
        *expected["GUNICORN_CMD_ARGS"].split(),
        "--no-control-socket",
    ]
    assert command[-4:] == ["--entry_script", command[-3], "--port", "5123"]


def test_online_deployment_applies_the_settings_of_its_instance() -> None:
    from reference_impl.azureml.online import INSTANCE_CPUS, online_deployment
    from reference_impl.config import load_config

    deployment = online_deployment(
        load_config("dev"),
        colour="blue",
        model_name="m",
        model="azureml:m:1",
        code="code",
        environment="azureml:env:1",
    )
    settings = settings_for(INSTANCE_CPUS)
    assert deployment.environment_variables == settings.environment()
    assert (
        deployment.request_settings.max_concurrent_requests_per_instance
        == settings.max_concurrent_requests
    )
