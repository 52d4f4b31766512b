# The data lake Azure ML reads and writes: an ADLS Gen2 account (hierarchical namespace) with
# shared-key access disabled, so only Entra identities get in; raw, curated and predictions
# containers; and one identity-based datastore per container that stores no credential.
# Data roles on the lake come from the RBAC data (scopes "lake" and "lake-predictions").
locals {
  lake_name       = substr("dl${local.compact}${local.suffix}", 0, 24)
  lake_containers = toset(["raw", "curated", "predictions"])
}

resource "azurerm_storage_account" "lake" {
  #checkov:skip=CKV2_AZURE_1:Microsoft-managed keys; customer-managed keys are a regulated-tier option (see the security baseline) that needs a key vault key and identity per account.
  #checkov:skip=CKV_AZURE_33:The lake has no queues; blob logs go to Log Analytics through the diagnostic setting, and classic queue logging needs the shared key this account refuses.
  name                              = local.lake_name
  location                          = azurerm_resource_group.this.location
  resource_group_name               = azurerm_resource_group.this.name
  account_kind                      = "StorageV2"
  account_tier                      = "Standard"
  account_replication_type          = "GRS"
  access_tier                       = "Hot"
  is_hns_enabled                    = true
  shared_access_key_enabled         = false
  default_to_oauth_authentication   = true
  allow_nested_items_to_be_public   = false
  cross_tenant_replication_enabled  = false
  local_user_enabled                = false
  sftp_enabled                      = false
  min_tls_version                   = "TLS1_2"
  https_traffic_only_enabled        = true
  infrastructure_encryption_enabled = true
  public_network_access_enabled     = var.isolated ? false : true

  network_rules {
    default_action = "Deny"
    bypass         = ["AzureServices"]
    ip_rules       = var.allowed_ip_ranges
  }

  sas_policy {
    expiration_period = "00.01:00:00"
    expiration_action = "Log"
  }

  blob_properties {
    delete_retention_policy {
      days = 7
    }
    container_delete_retention_policy {
      days = 7
    }
  }

  tags = merge(local.tags, { purpose = "data lake" })
}

resource "azurerm_storage_data_lake_gen2_filesystem" "lake" {
  for_each           = local.lake_containers
  name               = each.key
  storage_account_id = azurerm_storage_account.lake.id
}

# Isolated environments reach the lake only through private endpoints (blob and dfs).
resource "azurerm_private_endpoint" "lake" {
  for_each            = var.isolated && var.private_endpoint_subnet_id != "" ? toset(["blob", "dfs"]) : toset([])
  name                = "pe-${local.lake_name}-${each.key}"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  subnet_id           = var.private_endpoint_subnet_id

  private_service_connection {
    name                           = "pe-${local.lake_name}-${each.key}"
    private_connection_resource_id = azurerm_storage_account.lake.id
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

# No client_id, client_secret or account key: jobs read with their own identity, and the
# studio previews data with the workspace's user-assigned identity.
resource "azurerm_machine_learning_datastore_datalake_gen2" "lake" {
  for_each              = local.lake_containers
  name                  = each.key
  workspace_id          = azurerm_machine_learning_workspace.this.id
  storage_container_id  = "${azurerm_storage_account.lake.id}/blobServices/default/containers/${azurerm_storage_data_lake_gen2_filesystem.lake[each.key].name}"
  service_data_identity = "WorkspaceUserAssignedIdentity"
  description           = "${each.key} zone of the data lake (identity-based access)"
}

resource "azurerm_monitor_diagnostic_setting" "lake_blob" {
  name                       = "to-log-analytics"
  target_resource_id         = "${azurerm_storage_account.lake.id}/blobServices/default"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.this.id

  enabled_log {
    category_group = "allLogs"
  }

  metric {
    category = "Transaction"
  }
}
