"""The deployment gates are code, generated from the data, and every pipeline goes through one."""

from __future__ import annotations

import json
import re

import hcl2
import pytest

from accelerator.guidance.promotion import gate_into
from accelerator.guidance.raci import accountable_for
from accelerator.guidance.rbac import ENVIRONMENTS
from accelerator.infra import generate
from tests.platform import checks
from tests.platform.test_workflows import ado_jobs, ado_steps

GATES_DIR = checks.CICD / "gates"


def gates() -> dict:
    path = GATES_DIR / "gates.auto.tfvars.json"
    return json.loads(path.read_text(encoding="utf-8"))["gates"]["environments"]


def expand(value: str, choices: dict[str, list[str]]) -> set[str]:
    """Expand ``x-${{ inputs.to }}``-style names with the values the input allows."""
    m = re.search(r"\$\{\{ (?:inputs|parameters|matrix)\.(\w+) \}\}", value)
    if not m:
        return {value}
    return {value.replace(m[0], option) for option in choices[m[1]]}


def github_environments() -> set[str]:
    names = set()
    for path in checks.GITHUB_WORKFLOWS:
        workflow = checks.load_yaml(path)
        dispatch = (workflow["on"].get("workflow_dispatch") or {}).get("inputs", {})
        choices = {key: spec.get("options", []) for key, spec in dispatch.items()}
        for job in workflow["jobs"].values():
            choices.update(job.get("strategy", {}).get("matrix", {}))
            if job.get("environment"):
                names |= expand(job["environment"], choices)
    return names


def ado_usage() -> tuple[set[str], set[str]]:
    """Azure DevOps environments and service connections the pipelines use."""
    environments, connections = set(), set()
    for path in [*checks.ADO_PIPELINES, *checks.ADO_TEMPLATES]:
        data = checks.load_yaml(path)
        choices = {p["name"]: p.get("values", []) for p in data.get("parameters", [])}
        for job in ado_jobs(data):
            if "deployment" in job:
                environments |= expand(job["environment"], choices)
            for step in ado_steps(job):
                if step.get("task", "").startswith("AzureCLI@"):
                    connections |= expand(step["inputs"]["azureSubscription"], choices)
    return environments, connections


def test_the_gates_file_is_generated_from_the_promotion_path_and_raci():
    assert generate.gates_document()["environments"] == gates()


def test_model_environments_are_approved_by_the_promotion_path_approver():
    for env in ENVIRONMENTS:
        approver = gate_into(env).approver
        assert gates()[env]["approvers"] == ([approver] if approver else [])
    assert gates()["prod"]["approvers"], "a model never reaches prod without an approval"


def test_infrastructure_beyond_dev_is_approved_by_the_role_accountable_for_it():
    platform = accountable_for("provision-environments").id
    for name, gate in gates().items():
        if name.startswith("infra-"):
            assert gate["approvers"] == ([] if name == "infra-dev" else [platform])


def test_every_github_environment_a_workflow_uses_is_a_gate_and_back():
    assert github_environments() == set(gates())


def test_every_azure_devops_environment_a_pipeline_uses_is_a_gate_and_back():
    environments, _ = ado_usage()
    assert environments == {g["ado_environment"] for g in gates().values() if g["ado_environment"]}


def test_every_service_connection_a_pipeline_uses_is_created_by_the_gates():
    _, connections = ado_usage()
    created = {f"sc-mlops-{name}" for name in gates()} | {"sc-mlops-infra-plan"}
    assert connections <= created


@pytest.mark.parametrize("path", sorted(GATES_DIR.glob("*.tf*")), ids=lambda p: p.name)
def test_gates_terraform_parses(path):
    with path.open(encoding="utf-8") as handle:
        if path.suffix == ".json":
            assert json.load(handle)
        else:
            assert hcl2.load(handle)


def test_gates_terraform_declares_what_the_tfvars_set():
    with (GATES_DIR / "variables.tf").open(encoding="utf-8") as handle:
        declared = {name.strip('"') for block in hcl2.load(handle)["variable"] for name in block}
    with (GATES_DIR / "example.tfvars").open(encoding="utf-8") as handle:
        given = {name.strip('"') for name in hcl2.load(handle) if not name.startswith("__")}
    assert given | {"gates"} == declared
