output "workspace_id" {
  description = "Resource id of the Azure ML workspace."
  value       = azurerm_machine_learning_workspace.this.id
}

output "identities" {
  description = "Managed identities by RBAC identity id: client id (for AZURE_CLIENT_ID), principal id and resource id."
  value = {
    for id, identity in azurerm_user_assigned_identity.this : id => {
      client_id    = identity.client_id
      principal_id = identity.principal_id
      resource_id  = identity.id
    }
  }
}
