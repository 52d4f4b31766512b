# One user-assigned managed identity per workload identity of the RBAC data. The CI/CD identity
# gets federated credentials (GitHub environments, Azure DevOps service connections): workflows
# exchange their OIDC token for an Azure token, so there is no secret to store or rotate.
locals {
  identities         = { for identity in var.rbac.identities : identity.id => identity }
  federated_identity = one([for identity in var.rbac.identities : identity.id if identity.federated])
}

resource "azurerm_user_assigned_identity" "this" {
  for_each            = local.identities
  name                = "id-${var.workspace_name}-${each.key}"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  tags                = merge(local.tags, { purpose = each.value.name })
}

resource "azurerm_federated_identity_credential" "cicd" {
  for_each            = { for credential in var.federated_credentials : credential.name => credential }
  name                = each.key
  resource_group_name = azurerm_resource_group.this.name
  parent_id           = azurerm_user_assigned_identity.this[local.federated_identity].id
  issuer              = each.value.issuer
  subject             = each.value.subject
  audience            = ["api://AzureADTokenExchange"]
}
