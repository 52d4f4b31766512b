# Log Analytics (every diagnostic setting sends here) and workspace-based Application Insights.
resource "azurerm_log_analytics_workspace" "this" {
  name                          = local.names.log_analytics
  location                      = azurerm_resource_group.this.location
  resource_group_name           = azurerm_resource_group.this.name
  sku                           = "PerGB2018"
  retention_in_days             = var.log_retention_days
  local_authentication_disabled = true
  tags                          = local.tags
}

resource "azurerm_application_insights" "this" {
  name                = local.names.app_insights
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  workspace_id        = azurerm_log_analytics_workspace.this.id
  application_type    = "web"
  # Online endpoints write request logs with the connection string, so local auth stays on.
  local_authentication_disabled = false
  tags                          = local.tags
}
