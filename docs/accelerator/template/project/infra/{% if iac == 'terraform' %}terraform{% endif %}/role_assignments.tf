# Role assignments of one environment, generated from the RBAC data (rbac.auto.tfvars.json):
# on the workspace, its storage, the data lake (and its predictions container), Key Vault and container registry, the resource group and the
# shared registry. Each row gets its principal's object id: the role's Entra group from the
# tfvars, or the managed identity created in identities.tf; rows without one are skipped.
locals {
  group_ids = merge(var.rbac.groups, var.group_object_ids)
  scope_ids = {
    workspace          = azurerm_machine_learning_workspace.this.id
    storage            = azurerm_storage_account.this.id
    lake               = azurerm_storage_account.lake.id
    lake-predictions   = "${azurerm_storage_account.lake.id}/blobServices/default/containers/${azurerm_storage_data_lake_gen2_filesystem.lake["predictions"].name}"
    key-vault          = azurerm_key_vault.this.id
    container-registry = azurerm_container_registry.this.id
    resource-group     = azurerm_resource_group.this.id
    registry           = local.registry_id
  }
  grants = {
    for g in var.rbac.assignments[var.environment] :
    "${g.principal}/${g.azure_role}/${g.scope}" => g
    if g.principal_type != "Group" || lookup(local.group_ids, g.principal, "") != ""
  }
}

resource "azurerm_role_assignment" "this" {
  for_each           = local.grants
  scope              = local.scope_ids[each.value.scope]
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/${each.value.role_definition_id}"
  principal_id       = each.value.principal_type == "Group" ? local.group_ids[each.value.principal] : azurerm_user_assigned_identity.this[each.value.principal].principal_id
  principal_type     = each.value.principal_type
  description        = "${each.value.principal}: ${each.value.azure_role} (generated from the RBAC data)"
}
