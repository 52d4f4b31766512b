locals {
  tags = merge(var.tags, { workload = "mlops", managed-by = "terraform" })
}

resource "azurerm_resource_group" "this" {
  name     = var.resource_group_name
  location = var.location
  tags     = local.tags
}

resource "azapi_resource" "registry" {
  type      = "Microsoft.MachineLearningServices/registries@2024-10-01"
  name      = var.registry_name
  parent_id = azurerm_resource_group.this.id
  location  = var.location
  tags      = local.tags

  identity {
    type = "SystemAssigned"
  }

  body = {
    properties = {
      publicNetworkAccess = var.public_network_access
      regionDetails = [
        for region in concat([var.location], var.replica_locations) : {
          location = region
          storageAccountDetails = [{
            systemCreatedStorageAccount = {
              storageAccountType       = "Standard_GRS"
              storageAccountHnsEnabled = false
              allowBlobPublicAccess    = false
            }
          }]
          acrDetails = [{
            systemCreatedAcrAccount = { acrAccountSku = "Premium" }
          }]
        }
      ]
    }
  }
}

resource "azurerm_role_definition" "custom" {
  for_each           = { for role in var.rbac.custom_roles : role.name => role }
  role_definition_id = each.value.id
  name               = each.value.name
  description        = each.value.description
  scope              = azurerm_resource_group.this.id
  assignable_scopes  = [azurerm_resource_group.this.id]

  permissions {
    actions     = each.value.actions
    not_actions = []
  }
}
