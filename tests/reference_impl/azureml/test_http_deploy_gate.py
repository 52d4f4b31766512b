"""What ``deploy`` refuses before anything moves, whatever endpoints the project has."""

from __future__ import annotations

import pytest

from reference_impl.config import load_config
from tests.reference_impl.azureml.answers import good_answer
from tests.reference_impl.azureml.conftest import code_asset, run_cli
from tests.reference_impl.azureml.fake_azure import FakeAzure
from tests.reference_impl.azureml.model_versions import (
    APPROVED,
    DATA_ASSET,
    REJECTED,
    seed_versions,
)
from tests.reference_impl.identity import MODEL, NEXT

pytestmark = pytest.mark.usefixtures("approved_versions")


def test_deploy_refuses_implicit_versions(azure: FakeAzure) -> None:
    for version in ("latest", "@champion", "", "0", "007"):  # versions are 1, 2, 3, ...
        call = run_cli("deploy", "--env", "dev", "--model", MODEL, "--version", version)
        assert call.code == 2
        assert "not an explicit version number" in call.err
    assert not azure.requests


@pytest.mark.parametrize("env", ["dev", NEXT])
def test_deploy_refuses_a_rejected_version_before_traffic_moves(env: str, azure: FakeAzure) -> None:
    azure.scoring = good_answer
    seed_versions(azure, REJECTED)
    call = run_cli(
        "deploy", "--env", env, "--model", MODEL, "--version", "3",
        "--code", code_asset(load_config(env)),
    )  # fmt: skip
    assert call.code == 6
    assert f"{MODEL}:3 was rejected by the gate" in call.err
    assert not azure.sent("PUT", r"/(onlineEndpoints|batchEndpoints|environments)/")


def test_deploy_check_gate_only_reads_the_version(azure: FakeAzure) -> None:
    call = run_cli("deploy", "--env", NEXT, "--model", MODEL, "--version", "3", "--check-gate")
    assert call.code == 0, call.err
    assert f"{MODEL}:3 may be deployed to {NEXT}" in call.out
    assert "gate=approved" in call.out and f"data=azureml:{DATA_ASSET}:3" in call.out
    assert {r.method for r in azure.requests} == {"GET"}
    seed_versions(azure, {k: v for k, v in APPROVED.items() if k != "gate"})
    call = run_cli("deploy", "--env", NEXT, "--model", MODEL, "--version", "3", "--check-gate")
    assert call.code == 6
    assert "carries no gate evidence" in call.err
