variable "github_owner" {
  description = "GitHub organisation that owns the team's repository."
  type        = string
}

variable "github_repository" {
  description = "Name of the team's repository (without the owner)."
  type        = string
}

variable "github_teams" {
  description = "GitHub team slug of each approving role, e.g. {\"ml-product-owner\" = \"ml-product-owners\"}."
  type        = map(string)
}

variable "azure_devops_org_url" {
  description = "Azure DevOps organisation URL (https://dev.azure.com/<organisation>)."
  type        = string
}

variable "azure_devops_project_id" {
  description = "Azure DevOps project id of the team."
  type        = string
}

variable "azure_devops_groups" {
  description = "Azure DevOps group origin id of each approving role."
  type        = map(string)
}

variable "identities" {
  description = "Client ids per Azure identity: the CI/CD identity of dev, test and prod (outputs of the environment deployments), the platform identity \"infra\" and the read-only \"plan\" identity."
  type = map(object({
    client_id         = string
    tenant_id         = string
    subscription_id   = string
    subscription_name = string
  }))
}

variable "gates" {
  description = "Generated from the promotion path and RACI data (gates.auto.tfvars.json); do not set by hand."
  type = object({
    source = string
    environments = map(object({
      approvers         = list(string)
      azure_environment = string
      ado_environment   = optional(string)
    }))
  })
}
