# The Azure ML workspace with a managed virtual network, a private endpoint to the shared
# registry, a compute cluster that scales to zero, and diagnostic logs to Log Analytics.
resource "azurerm_machine_learning_workspace" "this" {
  name                          = var.workspace_name
  location                      = azurerm_resource_group.this.location
  resource_group_name           = azurerm_resource_group.this.name
  storage_account_id            = azurerm_storage_account.this.id
  key_vault_id                  = azurerm_key_vault.this.id
  container_registry_id         = azurerm_container_registry.this.id
  application_insights_id       = azurerm_application_insights.this.id
  public_network_access_enabled = var.isolated ? false : true
  v1_legacy_mode_enabled        = false
  sku_name                      = "Basic"
  # The container registry has no public endpoint: images build on the cluster.
  image_build_compute_name = var.compute.name

  identity {
    type = "SystemAssigned"
  }

  managed_network {
    isolation_mode = var.isolated ? "AllowOnlyApprovedOutbound" : "AllowInternetOutbound"
  }

  tags = local.tags
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint" "registry" {
  name                = "shared-registry"
  workspace_id        = azurerm_machine_learning_workspace.this.id
  service_resource_id = local.registry_id
  sub_resource_target = "amlregistry"
  spark_enabled       = false
}

# Feeds the environment image build downloads from (conda-forge, then pip): with approved
# outbound only, the managed network opens exactly these host names (FQDN rules; they run
# through the managed Azure Firewall the workspace creates for them).
locals {
  package_feeds = ["conda.anaconda.org", "pypi.org", "files.pythonhosted.org"]
}

resource "azurerm_machine_learning_workspace_network_outbound_rule_fqdn" "package_feed" {
  for_each         = var.isolated ? toset(local.package_feeds) : toset([])
  name             = "feed-${replace(each.value, ".", "-")}"
  workspace_id     = azurerm_machine_learning_workspace.this.id
  destination_fqdn = each.value
}

resource "azurerm_machine_learning_compute_cluster" "this" {
  name                          = var.compute.name
  location                      = azurerm_resource_group.this.location
  machine_learning_workspace_id = azurerm_machine_learning_workspace.this.id
  vm_size                       = var.compute.size
  vm_priority                   = "Dedicated"
  local_auth_enabled            = false
  node_public_ip_enabled        = false
  ssh_public_access_enabled     = false

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.this["training-compute"].id]
  }

  scale_settings {
    min_node_count                       = var.compute.min_instances
    max_node_count                       = var.compute.max_instances
    scale_down_nodes_after_idle_duration = "PT${var.compute.idle_seconds}S"
  }

  tags = local.tags
}

resource "azurerm_monitor_diagnostic_setting" "workspace" {
  name                       = "to-log-analytics"
  target_resource_id         = azurerm_machine_learning_workspace.this.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.this.id

  enabled_log {
    category_group = "allLogs"
  }

  metric {
    category = "AllMetrics"
  }
}
