data "azurerm_client_config" "current" {}

data "azurerm_subscription" "current" {}

locals {
  tags        = merge(var.tags, { environment = var.environment, workload = "mlops", managed-by = "terraform" })
  suffix      = substr(sha1("${var.subscription_id}/${var.resource_group_name}"), 0, 8)
  compact     = lower(replace(var.workspace_name, "-", ""))
  registry_id = "/subscriptions/${var.subscription_id}/resourceGroups/${var.registry_resource_group_name}/providers/Microsoft.MachineLearningServices/registries/${var.registry_name}"
  names = {
    log_analytics      = "log-${var.workspace_name}"
    app_insights       = "appi-${var.workspace_name}"
    storage            = substr("st${local.compact}${local.suffix}", 0, 24)
    key_vault          = substr("kv${local.compact}${local.suffix}", 0, 24)
    container_registry = substr("cr${local.compact}${local.suffix}", 0, 50)
  }
}

resource "azurerm_resource_group" "this" {
  name     = var.resource_group_name
  location = var.location
  tags     = local.tags
}
