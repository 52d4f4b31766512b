# The deployment gates as code: GitHub environments with required reviewers and branch policies,
# Azure DevOps environments with approvals and branch checks, and the workload identity
# federation service connections the pipelines sign in with. The gates themselves come from
# gates.auto.tfvars.json, generated from the promotion path and the RACI matrix.
#
#   terraform init && terraform apply -var-file=example.tfvars
terraform {
  required_version = ">= 1.9, < 2.0"

  required_providers {
    github = {
      source  = "integrations/github"
      version = "~> 6.4"
    }
    azuredevops = {
      source  = "microsoft/azuredevops"
      version = "~> 1.6"
    }
  }
}

provider "github" {
  owner = var.github_owner
}

provider "azuredevops" {
  org_service_url = var.azure_devops_org_url
  use_oidc        = true
}
