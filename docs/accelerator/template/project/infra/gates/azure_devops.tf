# Azure DevOps: an environment per gate with an approval (where the gate names an approver) and
# a branch check (main only), and one workload identity federation service connection per
# identity, itself limited to main.
locals {
  ado_gates = { for name, gate in var.gates.environments : name => gate if gate.ado_environment != null }
  # Service connection name -> identity: sc-mlops-<gate> for every gate, plus the plan identity.
  connections = merge(
    { for name, gate in var.gates.environments : "sc-mlops-${name}" => gate.azure_environment },
    { "sc-mlops-infra-plan" = "plan" },
  )
}

resource "azuredevops_environment" "this" {
  for_each    = local.ado_gates
  project_id  = var.azure_devops_project_id
  name        = each.value.ado_environment
  description = "Deployment gate generated from the accelerator's promotion path and RACI data."
}

resource "azuredevops_check_approval" "this" {
  for_each              = { for name, gate in local.ado_gates : name => gate if length(gate.approvers) > 0 }
  project_id            = var.azure_devops_project_id
  target_resource_id    = azuredevops_environment.this[each.key].id
  target_resource_type  = "environment"
  requester_can_approve = false
  approvers             = [for role in each.value.approvers : var.azure_devops_groups[role]]
}

resource "azuredevops_check_branch_control" "environment" {
  for_each             = local.ado_gates
  project_id           = var.azure_devops_project_id
  display_name         = "main only"
  target_resource_id   = azuredevops_environment.this[each.key].id
  target_resource_type = "environment"
  allowed_branches     = "refs/heads/main"
}

resource "azuredevops_serviceendpoint_azurerm" "this" {
  for_each                               = local.connections
  project_id                             = var.azure_devops_project_id
  service_endpoint_name                  = each.key
  service_endpoint_authentication_scheme = "WorkloadIdentityFederation"
  azurerm_spn_tenantid                   = var.identities[each.value].tenant_id
  azurerm_subscription_id                = var.identities[each.value].subscription_id
  azurerm_subscription_name              = var.identities[each.value].subscription_name

  credentials {
    serviceprincipalid = var.identities[each.value].client_id
  }
}

resource "azuredevops_check_branch_control" "connection" {
  for_each             = { for name, identity in local.connections : name => identity if identity != "plan" }
  project_id           = var.azure_devops_project_id
  display_name         = "main only"
  target_resource_id   = azuredevops_serviceendpoint_azurerm.this[each.key].id
  target_resource_type = "endpoint"
  allowed_branches     = "refs/heads/main"
}

output "federated_credential_subjects" {
  description = "Issuer and subject of each service connection: add them as federated credentials of the identity (federatedCredentials / federated_credentials)."
  value = {
    for name, connection in azuredevops_serviceendpoint_azurerm.this : name => {
      issuer  = connection.workload_identity_federation_issuer
      subject = connection.workload_identity_federation_subject
    }
  }
}
