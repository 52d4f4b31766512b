// An Azure ML registry (models, environments and components shared by every workspace) and the
// custom roles of the RBAC data, assignable within this resource group.
param name string
@description('Primary region first, then replicas.')
param locations array
param publicNetworkAccess string
@description('custom_roles of rbac.json: [{name, id, description, actions}].')
param customRoles array
param tags object

resource registry 'Microsoft.MachineLearningServices/registries@2024-10-01' = {
  name: name
  location: locations[0]
  tags: tags
  identity: { type: 'SystemAssigned' }
  properties: {
    publicNetworkAccess: publicNetworkAccess
    regionDetails: [
      for region in locations: {
        location: region
        storageAccountDetails: [
          {
            systemCreatedStorageAccount: {
              storageAccountType: 'Standard_GRS'
              storageAccountHnsEnabled: false
              allowBlobPublicAccess: false
            }
          }
        ]
        acrDetails: [
          { systemCreatedAcrAccount: { acrAccountSku: 'Premium' } }
        ]
      }
    ]
  }
}

resource customRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = [
  for role in customRoles: {
    name: role.id
    properties: {
      roleName: role.name
      description: role.description
      type: 'CustomRole'
      permissions: [{ actions: role.actions, notActions: [] }]
      assignableScopes: [resourceGroup().id]
    }
  }
]

output id string = registry.id
