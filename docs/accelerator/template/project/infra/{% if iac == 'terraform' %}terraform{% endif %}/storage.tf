# The workspace's default storage account: no anonymous blob access, TLS 1.2, HTTPS only,
# firewall denying by default, soft delete, and diagnostic logs to Log Analytics.
resource "azurerm_storage_account" "this" {
  #checkov:skip=CKV2_AZURE_1:Microsoft-managed keys; customer-managed keys are a regulated-tier option (see the security baseline) that needs a key vault key and identity per account.
  #checkov:skip=CKV2_AZURE_40:Azure ML's system datastores still authenticate with the account key (identity-only access is in preview), so shared key stays on for the workspace's own account.
  #checkov:skip=CKV_AZURE_33:Queue logs go to Log Analytics through the diagnostic setting; classic queue logging is a data-plane call a runner cannot make through the firewall.
  name                              = local.names.storage
  location                          = azurerm_resource_group.this.location
  resource_group_name               = azurerm_resource_group.this.name
  account_kind                      = "StorageV2"
  account_tier                      = "Standard"
  account_replication_type          = "GRS"
  access_tier                       = "Hot"
  allow_nested_items_to_be_public   = false
  shared_access_key_enabled         = true
  default_to_oauth_authentication   = true
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

  tags = local.tags
}

resource "azurerm_monitor_diagnostic_setting" "storage_blob" {
  name                       = "to-log-analytics"
  target_resource_id         = "${azurerm_storage_account.this.id}/blobServices/default"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.this.id

  enabled_log {
    category_group = "allLogs"
  }

  metric {
    category = "Transaction"
  }
}
