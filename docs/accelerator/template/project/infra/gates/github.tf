# GitHub: one environment per gate. Only main may deploy to it; the approving role's team must
# approve first where the gate names one. Each environment holds the ids its jobs sign in with,
# and the federated credential of the identity trusts exactly this environment.
data "github_team" "approver" {
  for_each = toset(flatten([for gate in var.gates.environments : gate.approvers]))
  slug     = var.github_teams[each.key]
}

resource "github_repository_environment" "this" {
  for_each            = var.gates.environments
  repository          = var.github_repository
  environment         = each.key
  prevent_self_review = true
  can_admins_bypass   = false

  dynamic "reviewers" {
    for_each = length(each.value.approvers) > 0 ? [each.value.approvers] : []
    content {
      teams = [for role in reviewers.value : data.github_team.approver[role].id]
    }
  }

  deployment_branch_policy {
    protected_branches     = false
    custom_branch_policies = true
  }
}

resource "github_repository_environment_deployment_policy" "main" {
  for_each       = github_repository_environment.this
  repository     = var.github_repository
  environment    = each.value.environment
  branch_pattern = "main"
}

locals {
  environment_variables = merge([
    for name, gate in var.gates.environments : {
      for key, value in {
        AZURE_CLIENT_ID       = var.identities[gate.azure_environment].client_id
        AZURE_TENANT_ID       = var.identities[gate.azure_environment].tenant_id
        AZURE_SUBSCRIPTION_ID = var.identities[gate.azure_environment].subscription_id
      } : "${name}/${key}" => { environment = name, name = key, value = value }
    }
  ]...)
}

resource "github_actions_environment_variable" "ids" {
  for_each      = local.environment_variables
  repository    = var.github_repository
  environment   = github_repository_environment.this[each.value.environment].environment
  variable_name = each.value.name
  value         = each.value.value
}

# The read-only identity of what-if and plan runs on pull requests (no environment); its
# federated credential trusts the subject repo:<owner>/<repository>:pull_request.
resource "github_actions_variable" "plan" {
  for_each = {
    AZURE_PLAN_CLIENT_ID  = var.identities["plan"].client_id
    AZURE_TENANT_ID       = var.identities["plan"].tenant_id
    AZURE_SUBSCRIPTION_ID = var.identities["plan"].subscription_id
  }
  repository    = var.github_repository
  variable_name = each.key
  value         = each.value
}
