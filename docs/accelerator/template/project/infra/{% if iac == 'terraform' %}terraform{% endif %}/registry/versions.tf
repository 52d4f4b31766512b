# The shared Azure ML registry every environment promotes through, and the custom roles of the
# RBAC data — the Terraform twin of bicep/registry.bicep. Apply once, before the environments:
#
#   terraform init -backend-config=shared.backend.hcl
#   terraform apply -var-file=shared.tfvars
terraform {
  required_version = ">= 1.9, < 2.0"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.14"
    }
    # azurerm has no Azure ML registry resource; azapi creates it from the ARM schema.
    azapi = {
      source  = "Azure/azapi"
      version = "~> 2.1"
    }
  }

  backend "azurerm" {}
}

provider "azurerm" {
  subscription_id     = var.subscription_id
  storage_use_azuread = true
  features {}
}

provider "azapi" {
  subscription_id = var.subscription_id
}
