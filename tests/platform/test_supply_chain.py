"""What pull-request code and installers may reach: hashed uv, no prod plan on a pull request,
Terraform state read with Entra ID only.

Each rule is a small function run over the real templates and over a planted copy that breaks it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.platform import checks

ALL_PIPELINES = [*checks.GITHUB_WORKFLOWS, *checks.ADO_PIPELINES, *checks.ADO_TEMPLATES]
UV_REQUIREMENTS = checks.CICD / "uv-requirements.txt"
HASHED_INSTALL = (
    "python -m pip install --disable-pip-version-check --require-hashes "
    "-r reference_impl/cicd/uv-requirements.txt"
)
BACKENDS = sorted(checks.TERRAFORM.rglob("*.backend.hcl"))


def unhashed_installs(text: str) -> list[str]:
    """Lines that install a package with pip without ``--require-hashes``."""
    return [
        line.strip()
        for line in text.splitlines()
        if re.search(r"\bpip install\b", line) and "--require-hashes" not in line
    ]


def requirement_problems(text: str) -> list[str]:
    """Requirements not pinned with ``==`` or without a sha256 hash."""
    problems = []
    for entry in re.sub(r"\\\n", " ", text).splitlines():
        entry = entry.split("#", 1)[0].strip()
        if not entry:
            continue
        name = entry.split()[0]
        if not re.fullmatch(r"[A-Za-z0-9_.-]+==[\w.]+", name):
            problems.append(f"{name}: not pinned with ==")
        if not re.search(r"--hash=sha256:[0-9a-f]{64}\b", entry):
            problems.append(f"{name}: no sha256 hash")
    return problems


def github_pr_plan_targets(workflow: dict[str, Any]) -> set[str]:
    """Environments a GitHub job that runs on pull requests plans with Terraform."""
    targets: set[str] = set()
    for job in workflow["jobs"].values():
        runs_on_pr = "pull_request" in str(job.get("if", "pull_request"))
        script = " ".join(str(step.get("run", "")) for step in job.get("steps", []))
        if runs_on_pr and "terraform plan" in script and "terraform apply" not in script:
            targets |= set(job.get("strategy", {}).get("matrix", {}).get("environment", []))
    return targets


def ado_pr_plan_targets(pipeline: dict[str, Any]) -> set[str]:
    """Environments an Azure DevOps stage that runs on pull requests plans with Terraform."""
    targets: set[str] = set()
    for stage in pipeline.get("stages", []):
        if "'PullRequest')" not in str(stage.get("condition", "")) or "ne(" in str(
            stage.get("condition", "")
        ):
            continue
        for job in stage.get("jobs", []):
            matrix = job.get("strategy", {}).get("matrix", {})
            targets |= {str(entry["target"]) for entry in matrix.values()}
    return targets


def backend_problems(text: str) -> list[str]:
    """A backend file that could read state with a storage key or a SAS token."""
    problems = []
    if not re.search(r"^use_azuread_auth\s*=\s*true\s*$", text, re.MULTILINE):
        problems.append("use_azuread_auth = true is missing")
    for key in ("access_key", "sas_token"):
        if re.search(rf"^{key}\s*=", text, re.MULTILINE):
            problems.append(f"{key} is set")
    return problems


# --------------------------------------------------------------------------- uv with hashes


@pytest.mark.parametrize("path", ALL_PIPELINES, ids=lambda p: p.name)
def test_every_pip_install_requires_hashes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert unhashed_installs(text) == []
    if "uv sync" in text:
        assert HASHED_INSTALL in text


def test_an_unhashed_uv_install_is_caught() -> None:
    planted = 'run: |\n  python -m pip install --disable-pip-version-check "uv==0.13.9"\n'
    assert unhashed_installs(planted) == [
        'python -m pip install --disable-pip-version-check "uv==0.13.9"'
    ]


def test_the_uv_requirements_pin_a_version_and_hashes() -> None:
    text = UV_REQUIREMENTS.read_text(encoding="utf-8")
    assert requirement_problems(text) == []
    assert len(re.findall(r"--hash=sha256:[0-9a-f]{64}", text)) >= 2  # x86_64 and arm64 wheels


@pytest.mark.parametrize(
    "planted, problem",
    [("uv>=0.13 --hash=sha256:" + "a" * 64, "not pinned"), ("uv==0.13.9", "no sha256 hash")],
)
def test_a_loose_requirement_is_caught(planted: str, problem: str) -> None:
    assert any(problem in found for found in requirement_problems(planted))


# --------------------------------------------------------------------------- plan on pull requests


def test_pull_requests_never_plan_prod_on_github() -> None:
    workflow = checks.load_yaml(checks.CICD / "github/workflows/infrastructure-terraform.yml")
    assert github_pr_plan_targets(workflow) == {"dev", "test"}


def test_pull_requests_never_plan_prod_on_azure_devops() -> None:
    pipeline = checks.load_yaml(checks.CICD / "azure-devops/infrastructure-terraform.yml")
    assert ado_pr_plan_targets(pipeline) == {"dev", "test"}


def test_a_prod_plan_on_a_pull_request_is_caught() -> None:
    path = checks.CICD / "github/workflows/infrastructure-terraform.yml"
    planted = checks.load_yaml(path)
    planted["jobs"]["plan"]["strategy"]["matrix"]["environment"] = ["dev", "test", "prod"]
    assert "prod" in github_pr_plan_targets(planted)
    pipeline = checks.load_yaml(checks.CICD / "azure-devops/infrastructure-terraform.yml")
    pipeline["stages"][0]["jobs"][0]["strategy"]["matrix"]["prod"] = {"target": "prod"}
    assert "prod" in ado_pr_plan_targets(pipeline)


# --------------------------------------------------------------------------- state access


@pytest.mark.parametrize("path", BACKENDS, ids=lambda p: p.name)
def test_terraform_state_is_read_with_entra_id_only(path: Path) -> None:
    assert backend_problems(path.read_text(encoding="utf-8")) == []


def test_every_environment_has_a_backend_file() -> None:
    assert {p.name for p in BACKENDS} >= {
        "dev.backend.hcl",
        "test.backend.hcl",
        "prod.backend.hcl",
        "shared.backend.hcl",
    }


@pytest.mark.parametrize(
    "planted",
    ['key = "x"\nuse_azuread_auth = false\n', 'use_azuread_auth = true\naccess_key = "abc"\n'],
)
def test_a_key_based_backend_is_caught(planted: str) -> None:
    assert backend_problems(planted) != []


@pytest.mark.parametrize("path", ALL_PIPELINES, ids=lambda p: p.name)
def test_no_pipeline_hands_terraform_a_storage_key(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "ARM_ACCESS_KEY" not in text
    assert "ARM_SAS_TOKEN" not in text
