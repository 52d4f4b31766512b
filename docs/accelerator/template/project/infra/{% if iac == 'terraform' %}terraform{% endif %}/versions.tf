# One Azure ML environment (dev, test or prod) — the Terraform twin of bicep/main.bicep.
#
#   terraform init -backend-config=envs/dev.backend.hcl
#   terraform plan -var-file=envs/dev.tfvars -out=dev.tfplan
#
# Apply registry/ once first: every environment promotes models through that registry.
terraform {
  required_version = ">= 1.9, < 2.0"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.14"
    }
  }

  # State lives in an Azure storage account; envs/<env>.backend.hcl says which one. The
  # backend signs in with Entra ID (use_azuread_auth = true), never with an account key, so
  # the state account needs shared-key access disabled (allowSharedKeyAccess: false) and
  # blob data roles only: Storage Blob Data Contributor for the platform identity, Storage
  # Blob Data Reader on the dev and test state for the pull-request plan identity.
  backend "azurerm" {}
}

provider "azurerm" {
  subscription_id     = var.subscription_id
  storage_use_azuread = true
  features {
    key_vault {
      purge_soft_delete_on_destroy = false
    }
    resource_group {
      prevent_deletion_if_contains_resources = true
    }
  }
}
