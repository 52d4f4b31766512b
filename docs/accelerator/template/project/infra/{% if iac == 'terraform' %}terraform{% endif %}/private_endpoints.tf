# Isolated environments get private endpoints for the workspace and its dependencies, in a
# subnet of the customer's network, with DNS records in the given private DNS zones.
locals {
  private_targets = var.isolated && var.private_endpoint_subnet_id != "" ? {
    amlworkspace = { name = var.workspace_name, id = azurerm_machine_learning_workspace.this.id }
    blob         = { name = local.names.storage, id = azurerm_storage_account.this.id }
    file         = { name = local.names.storage, id = azurerm_storage_account.this.id }
    vault        = { name = local.names.key_vault, id = azurerm_key_vault.this.id }
    registry     = { name = local.names.container_registry, id = azurerm_container_registry.this.id }
  } : {}
}

resource "azurerm_private_endpoint" "this" {
  for_each            = local.private_targets
  name                = "pe-${each.value.name}-${each.key}"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  subnet_id           = var.private_endpoint_subnet_id

  private_service_connection {
    name                           = "pe-${each.value.name}-${each.key}"
    private_connection_resource_id = each.value.id
    subresource_names              = [each.key]
    is_manual_connection           = false
  }

  dynamic "private_dns_zone_group" {
    for_each = contains(keys(var.private_dns_zone_ids), each.key) ? [var.private_dns_zone_ids[each.key]] : []
    content {
      name                 = "default"
      private_dns_zone_ids = [private_dns_zone_group.value]
    }
  }

  tags = local.tags
}
