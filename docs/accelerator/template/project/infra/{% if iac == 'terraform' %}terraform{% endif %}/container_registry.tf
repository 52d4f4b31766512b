# The workspace's container registry for environment images: Premium (private endpoints, zone
# redundancy, retention), no admin user, no anonymous pull, no public network access.
resource "azurerm_container_registry" "this" {
  #checkov:skip=CKV_AZURE_166:Quarantine would stop Azure ML pulling the environment images it has just built (nothing releases them); images are scanned by Microsoft Defender for Containers instead.
  #checkov:skip=CKV_AZURE_164:Docker Content Trust is being retired by Azure Container Registry; sign images with Notation when the release process needs signatures.
  #checkov:skip=CKV_AZURE_165:One region per environment; geo-replication doubles the registry cost without a second region to serve.
  name                          = local.names.container_registry
  location                      = azurerm_resource_group.this.location
  resource_group_name           = azurerm_resource_group.this.name
  sku                           = "Premium"
  admin_enabled                 = false
  anonymous_pull_enabled        = false
  public_network_access_enabled = false
  network_rule_bypass_option    = "AzureServices"
  data_endpoint_enabled         = true
  zone_redundancy_enabled       = true
  export_policy_enabled         = false
  retention_policy_in_days      = 7
  tags                          = local.tags
}

resource "azurerm_monitor_diagnostic_setting" "container_registry" {
  name                       = "to-log-analytics"
  target_resource_id         = azurerm_container_registry.this.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.this.id

  enabled_log {
    category_group = "allLogs"
  }

  metric {
    category = "AllMetrics"
  }
}
