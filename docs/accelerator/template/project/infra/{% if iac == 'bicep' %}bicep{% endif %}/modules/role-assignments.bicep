// Role assignments of one environment, generated from the RBAC data (rbac.json): on the
// workspace, its storage, the data lake (and its predictions container), Key Vault and container registry, the resource group, and (through
// registry-access.bicep) the shared registry.
@description('Rows of rbac.json for this environment, each with the principal\'s object id: [{principal, principal_type, azure_role, role_definition_id, scope, principalId}]. Rows with an empty principalId are skipped.')
param grants array
param workspaceName string
param storageName string
@description('The data lake account (ADLS Gen2); scopes lake and lake-predictions.')
param lakeName string
param keyVaultName string
param containerRegistryName string
param registryName string
param registryResourceGroupName string

var granted = filter(grants, g => !empty(g.principalId))

resource workspace 'Microsoft.MachineLearningServices/workspaces@2024-10-01' existing = {
  name: workspaceName
}
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageName
}
resource lake 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: lakeName
}
resource lakeBlobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' existing = {
  parent: lake
  name: 'default'
}
resource predictions 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: lakeBlobs
  name: 'predictions'
}
resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}
resource containerRegistry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: containerRegistryName
}

resource onWorkspace 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for g in filter(granted, x => x.scope == 'workspace'): {
    name: guid(workspace.id, g.principalId, g.role_definition_id)
    scope: workspace
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', g.role_definition_id)
      principalId: g.principalId
      principalType: g.principal_type
      description: '${g.principal}: ${g.azure_role} (generated from the RBAC data)'
    }
  }
]

resource onStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for g in filter(granted, x => x.scope == 'storage'): {
    name: guid(storage.id, g.principalId, g.role_definition_id)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', g.role_definition_id)
      principalId: g.principalId
      principalType: g.principal_type
      description: '${g.principal}: ${g.azure_role} (generated from the RBAC data)'
    }
  }
]

resource onLake 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for g in filter(granted, x => x.scope == 'lake'): {
    name: guid(lake.id, g.principalId, g.role_definition_id)
    scope: lake
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', g.role_definition_id)
      principalId: g.principalId
      principalType: g.principal_type
      description: '${g.principal}: ${g.azure_role} (generated from the RBAC data)'
    }
  }
]

// Scoring output: write access to the predictions container only, not the whole lake.
resource onLakePredictions 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for g in filter(granted, x => x.scope == 'lake-predictions'): {
    name: guid(predictions.id, g.principalId, g.role_definition_id)
    scope: predictions
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', g.role_definition_id)
      principalId: g.principalId
      principalType: g.principal_type
      description: '${g.principal}: ${g.azure_role} (generated from the RBAC data)'
    }
  }
]

resource onKeyVault 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for g in filter(granted, x => x.scope == 'key-vault'): {
    name: guid(keyVault.id, g.principalId, g.role_definition_id)
    scope: keyVault
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', g.role_definition_id)
      principalId: g.principalId
      principalType: g.principal_type
      description: '${g.principal}: ${g.azure_role} (generated from the RBAC data)'
    }
  }
]

resource onContainerRegistry 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for g in filter(granted, x => x.scope == 'container-registry'): {
    name: guid(containerRegistry.id, g.principalId, g.role_definition_id)
    scope: containerRegistry
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', g.role_definition_id)
      principalId: g.principalId
      principalType: g.principal_type
      description: '${g.principal}: ${g.azure_role} (generated from the RBAC data)'
    }
  }
]

resource onResourceGroup 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for g in filter(granted, x => x.scope == 'resource-group'): {
    name: guid(resourceGroup().id, g.principalId, g.role_definition_id)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', g.role_definition_id)
      principalId: g.principalId
      principalType: g.principal_type
      description: '${g.principal}: ${g.azure_role} (generated from the RBAC data)'
    }
  }
]

module onRegistry 'registry-access.bicep' = {
  scope: resourceGroup(registryResourceGroupName)
  name: 'registry-access-${workspaceName}'
  params: {
    grants: filter(granted, x => x.scope == 'registry')
    registryName: registryName
  }
}

output count int = length(granted)
