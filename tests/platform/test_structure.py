"""Structure of the infrastructure trees, parsed offline (pycep-parser for Bicep, python-hcl2).

Nothing here can prove a deployment succeeds (no Bicep CLI, no ``terraform init``); it proves the
trees agree with the environment config, the RBAC data and each other.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import hcl2
import pytest
from pycep import BicepParser

from accelerator.guidance.rbac import ENVIRONMENTS, assignments
from accelerator.infra import generate
from reference_impl.config import load_config
from tests.platform import checks

BICEP_FILES = sorted(checks.BICEP.rglob("*.bicep"))
TF_DIRS = (checks.TERRAFORM, checks.TERRAFORM / "registry")

# Terraform resource type -> the ARM types it creates (inline blocks included).
TF_TO_ARM = {
    "azurerm_resource_group": {"Microsoft.Resources/resourceGroups"},
    "azurerm_log_analytics_workspace": {"Microsoft.OperationalInsights/workspaces"},
    "azurerm_application_insights": {"Microsoft.Insights/components"},
    "azurerm_storage_account": {
        "Microsoft.Storage/storageAccounts",
        "Microsoft.Storage/storageAccounts/blobServices",
    },
    "azurerm_storage_data_lake_gen2_filesystem": {
        "Microsoft.Storage/storageAccounts/blobServices/containers"
    },
    "azurerm_machine_learning_datastore_datalake_gen2": {
        "Microsoft.MachineLearningServices/workspaces/datastores"
    },
    "azurerm_monitor_diagnostic_setting": {"Microsoft.Insights/diagnosticSettings"},
    "azurerm_key_vault": {"Microsoft.KeyVault/vaults"},
    "azurerm_container_registry": {"Microsoft.ContainerRegistry/registries"},
    "azurerm_user_assigned_identity": {"Microsoft.ManagedIdentity/userAssignedIdentities"},
    "azurerm_federated_identity_credential": {
        "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials"
    },
    "azurerm_machine_learning_workspace": {"Microsoft.MachineLearningServices/workspaces"},
    # Bicep declares the outbound rule inline in the workspace's managedNetwork.
    "azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint": {
        "Microsoft.MachineLearningServices/workspaces"
    },
    # The package-feed (FQDN) rules are a child resource in both languages.
    "azurerm_machine_learning_workspace_network_outbound_rule_fqdn": {
        "Microsoft.MachineLearningServices/workspaces/outboundRules"
    },
    "azurerm_machine_learning_compute_cluster": {
        "Microsoft.MachineLearningServices/workspaces/computes"
    },
    "azurerm_private_endpoint": {
        "Microsoft.Network/privateEndpoints",
        "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
    },
    "azurerm_role_assignment": {"Microsoft.Authorization/roleAssignments"},
    "azurerm_role_definition": {"Microsoft.Authorization/roleDefinitions"},
    "azurerm_consumption_budget_resource_group": {"Microsoft.Consumption/budgets"},
}


def _unquote(value: Any) -> Any:
    """python-hcl2 keeps string quotes and adds bookkeeping keys; strip both."""
    if isinstance(value, dict):
        return {
            _unquote(k): _unquote(v)
            for k, v in value.items()
            if k not in {"__is_block__", "__comments__"}
        }
    if isinstance(value, list):
        return [_unquote(v) for v in value]
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


@cache
def bicep(path: Path) -> dict[str, Any]:
    return BicepParser().parse(file_path=path)


def hcl(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return _unquote(hcl2.load(handle))


def bicep_params(env: str) -> dict[str, Any]:
    data = json.loads((checks.BICEP / f"main.{env}.parameters.json").read_text(encoding="utf-8"))
    return {name: entry["value"] for name, entry in data["parameters"].items()}


def tfvars(env: str) -> dict[str, Any]:
    return hcl(checks.TERRAFORM / "envs" / f"{env}.tfvars")


def tf_blocks(folder: Path, kind: str) -> list[dict[str, Any]]:
    blocks = []
    for path in sorted(folder.glob("*.tf")):
        blocks += hcl(path).get(kind, [])
    return blocks


def tf_resource_types(folder: Path) -> set[str]:
    types = set()
    for block in tf_blocks(folder, "resource"):
        for kind, instances in block.items():
            if kind == "azapi_resource":
                types |= {i["type"].split("@")[0] for i in instances.values()}
            else:
                types |= TF_TO_ARM[kind]
    return types


def bicep_resource_types() -> set[str]:
    return {
        resource["type"]
        for path in BICEP_FILES
        for resource in bicep(path).get("resources", {}).values()
        if not resource["existing"]
    }


# --------------------------------------------------------------------------- parsing


@pytest.mark.parametrize("path", BICEP_FILES, ids=lambda p: p.name)
def test_every_bicep_file_parses(path):
    assert bicep(path).get("resources", {}) or bicep(path).get("modules", {})


@pytest.mark.parametrize("path", sorted(checks.TERRAFORM.rglob("*.tf*")), ids=lambda p: p.name)
def test_every_terraform_file_parses(path):
    if path.suffix == ".json":
        json.loads(path.read_text(encoding="utf-8"))
    else:
        assert hcl(path)


def test_every_module_a_bicep_file_calls_exists():
    for path in BICEP_FILES:
        for name, module in bicep(path).get("modules", {}).items():
            target = path.parent / module["detail"]["path"]
            assert target.is_file(), f"{path.name}: module {name} -> {target}"


# --------------------------------------------------------------------------- config


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_bicep_parameters_match_the_environment_config(env):
    config, params = load_config(env), bicep_params(env)
    assert params["environmentName"] == env
    assert params["location"] == config.azure.location
    assert params["resourceGroupName"] == config.azure.resource_group
    assert params["workspaceName"] == config.azure.workspace
    assert params["registryName"] == config.azure.registry
    assert params["computeName"] == config.compute.name
    assert params["computeSize"] == config.compute.size
    assert params["computeMinInstances"] == config.compute.min_instances
    assert params["computeMaxInstances"] == config.compute.max_instances
    assert params["computeIdleSeconds"] == config.compute.idle_seconds


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_terraform_variables_match_the_environment_config(env):
    config, values = load_config(env), tfvars(env)
    assert values["environment"] == env
    assert values["subscription_id"] == config.azure.subscription_id
    assert values["location"] == config.azure.location
    assert values["resource_group_name"] == config.azure.resource_group
    assert values["workspace_name"] == config.azure.workspace
    assert values["registry_name"] == config.azure.registry
    assert values["compute"] == {
        "name": config.compute.name,
        "size": config.compute.size,
        "min_instances": config.compute.min_instances,
        "max_instances": config.compute.max_instances,
        "idle_seconds": config.compute.idle_seconds,
    }


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_bicep_parameter_files_set_only_declared_parameters_and_every_required_one(env):
    declared = bicep(checks.BICEP / "main.bicep")["parameters"]
    given = set(bicep_params(env))
    assert given <= set(declared)
    required = {name for name, p in declared.items() if p["default"] is None}
    assert required <= given


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_tfvars_set_only_declared_variables_and_every_required_one(env):
    declared = {
        name: spec
        for block in tf_blocks(checks.TERRAFORM, "variable")
        for name, spec in block.items()
    }
    given = set(tfvars(env))
    assert given <= set(declared)
    required = {name for name, spec in declared.items() if "default" not in spec} - {"rbac"}
    assert required <= given


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_bicep_and_terraform_configure_each_environment_alike(env):
    params, values = bicep_params(env), tfvars(env)
    pairs = {
        "isolated": "isolated",
        "allowedIpRanges": "allowed_ip_ranges",
        "logRetentionDays": "log_retention_days",
        "budgetAmount": "budget_amount",
        "budgetContactEmails": "budget_contact_emails",
        "groupObjectIds": "group_object_ids",
        "federatedCredentials": "federated_credentials",
        "tags": "tags",
    }
    for bicep_name, tf_name in pairs.items():
        assert params.get(bicep_name) == values.get(tf_name), bicep_name
    assert params.get("privateEndpointSubnetId", "") == values.get("private_endpoint_subnet_id", "")


def test_the_registry_is_configured_once_for_every_environment():
    registries = {load_config(env).azure.registry for env in ENVIRONMENTS}
    assert len(registries) == 1
    registry_params = json.loads((checks.BICEP / "registry.parameters.json").read_text())
    shared = hcl(checks.TERRAFORM / "registry" / "shared.tfvars")
    assert {registry_params["parameters"]["registryName"]["value"]} == registries
    assert {shared["registry_name"]} == registries


def test_only_prod_is_network_isolated_and_it_has_a_subnet_for_private_endpoints():
    for env in ENVIRONMENTS:
        assert bicep_params(env)["isolated"] is (env == "prod")
        assert tfvars(env)["isolated"] is (env == "prod")
    assert bicep_params("prod")["privateEndpointSubnetId"].endswith(
        "/subnets/snet-private-endpoints"
    )
    # Secure by default: a new environment that forgets the flag is isolated.
    assert bicep(checks.BICEP / "main.bicep")["parameters"]["isolated"]["default"] is True
    isolated = next(
        b["isolated"] for b in tf_blocks(checks.TERRAFORM, "variable") if "isolated" in b
    )
    assert isolated["default"] is True


# --------------------------------------------------------------------------- RBAC


SCOPES = {a.scope for a in assignments()}


def test_bicep_handles_every_scope_the_rbac_data_uses():
    text = (checks.BICEP / "modules" / "role-assignments.bicep").read_text(encoding="utf-8")
    handled = set(re.findall(r"x\.scope == '([a-z-]+)'", text))
    assert handled >= SCOPES


def test_terraform_handles_every_scope_the_rbac_data_uses():
    local_blocks = tf_blocks(checks.TERRAFORM, "locals")
    scope_ids = next(b["scope_ids"] for b in local_blocks if "scope_ids" in b)
    assert set(scope_ids) >= SCOPES


def test_both_trees_load_the_generated_rbac_rows_for_their_environment():
    main = (checks.BICEP / "main.bicep").read_text(encoding="utf-8")
    assert "loadJsonContent('rbac.json')" in main
    assert "rbac.assignments[environmentName]" in main
    tf = (checks.TERRAFORM / "role_assignments.tf").read_text(encoding="utf-8")
    assert "var.rbac.assignments[var.environment]" in tf
    for folder in TF_DIRS:
        tfvars_json = json.loads((folder / "rbac.auto.tfvars.json").read_text(encoding="utf-8"))
        assert tfvars_json["rbac"] == generate.rbac_document()


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_parameter_files_name_a_group_for_exactly_the_roles_with_access(env):
    roles = {a.role for a in assignments() if a.environment == env} & set(
        generate.rbac_document()["groups"]
    )
    assert set(bicep_params(env)["groupObjectIds"]) == roles
    assert set(tfvars(env)["group_object_ids"]) == roles


def test_identities_are_created_from_the_rbac_data_in_both_trees():
    identities = bicep(checks.BICEP / "modules" / "identities.bicep")["resources"]["identity"]
    assert identities["config"]["loop_type"]["detail"]["array_name"] == "identities"
    main = (checks.BICEP / "main.bicep").read_text(encoding="utf-8")
    assert "identities: rbac.identities" in main
    tf = (checks.TERRAFORM / "identities.tf").read_text(encoding="utf-8")
    assert "for identity in var.rbac.identities" in tf


# --------------------------------------------------------------------------- shape


def test_bicep_and_terraform_declare_the_same_resource_types():
    terraform = tf_resource_types(checks.TERRAFORM) | tf_resource_types(
        checks.TERRAFORM / "registry"
    )
    assert bicep_resource_types() == terraform


def test_every_azure_resource_sends_diagnostics_or_is_a_log_sink_in_both_trees():
    diagnosed_bicep = {
        path.name
        for path in BICEP_FILES
        if any(
            r["type"] == "Microsoft.Insights/diagnosticSettings"
            for r in bicep(path).get("resources", {}).values()
        )
    }
    assert {
        "storage.bicep",
        "lake.bicep",
        "key-vault.bicep",
        "container-registry.bicep",
        "workspace.bicep",
    } <= diagnosed_bicep
    targets = {
        next(iter(instance))
        for block in tf_blocks(checks.TERRAFORM, "resource")
        for kind, instance in block.items()
        if kind == "azurerm_monitor_diagnostic_setting"
    }
    assert targets == {"storage_blob", "lake_blob", "key_vault", "container_registry", "workspace"}


def test_federated_credentials_trust_exactly_the_github_environments_the_workflows_use():
    used = workflow_environments()
    for env in ENVIRONMENTS:
        subjects = {c["subject"] for c in bicep_params(env)["federatedCredentials"]}
        expected = {f"environment:{name}" for name in used if name.split("-")[0] == env}
        assert {s.rsplit(":", 2)[-2] + ":" + s.rsplit(":", 1)[-1] for s in subjects} == expected
        for credential in bicep_params(env)["federatedCredentials"]:
            assert credential["issuer"] == "https://token.actions.githubusercontent.com"
            assert re.fullmatch(r"repo:[\w.-]+/[\w.-]+:environment:[\w-]+", credential["subject"])


def workflow_environments() -> set[str]:
    """GitHub environments the ML workflows sign in from (infra-* use the platform identity)."""
    names = set()
    for path in checks.GITHUB_WORKFLOWS:
        workflow = checks.load_yaml(path)
        choices = {
            key: spec.get("options", [])
            for key, spec in (workflow["on"].get("workflow_dispatch") or {})
            .get("inputs", {})
            .items()
        }
        for job in workflow["jobs"].values():
            environment = job.get("environment")
            if not environment:
                continue
            if m := re.fullmatch(r"\$\{\{ inputs\.(\w+) \}\}", environment):
                names |= set(choices[m[1]])
            elif "${{" not in environment:
                names.add(environment)
    return {n for n in names if not n.startswith("infra-")}
