// Role assignments on the shared Azure ML registry for one environment's principals; deployed
// into the registry's resource group by role-assignments.bicep.
@description('Registry-scope rows of rbac.json with their principalId.')
param grants array
param registryName string

resource registry 'Microsoft.MachineLearningServices/registries@2024-10-01' existing = {
  name: registryName
}

resource onRegistry 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for g in grants: {
    name: guid(registry.id, g.principalId, g.role_definition_id)
    scope: registry
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', g.role_definition_id)
      principalId: g.principalId
      principalType: g.principal_type
      description: '${g.principal}: ${g.azure_role} (generated from the RBAC data)'
    }
  }
]
