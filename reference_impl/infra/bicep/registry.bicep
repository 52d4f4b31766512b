// The shared Azure ML registry every environment promotes through, and the custom roles of the
// RBAC data. Deploy once, before the environments:
//
//   az deployment sub create --location westeurope \
//     --template-file registry.bicep --parameters registry.parameters.json
targetScope = 'subscription'

@description('Registry name (azure.registry in every reference_impl/config/<env>.yaml).')
param registryName string

@description('Resource group of the registry.')
param resourceGroupName string = 'rg-mlops-shared'

@description('Primary region (azure.location).')
param location string

@description('More regions to replicate models and environments to.')
param replicaLocations array = []

@description('Public network access of the registry: workspaces reach it through their managed private endpoint either way.')
@allowed(['Enabled', 'Disabled'])
param publicNetworkAccess string = 'Disabled'

param tags object = {}

var rbac = loadJsonContent('rbac.json')

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: resourceGroupName
  location: location
  tags: union(tags, { workload: 'mlops', 'managed-by': 'bicep' })
}

module registry 'modules/registry.bicep' = {
  scope: rg
  name: 'registry'
  params: {
    name: registryName
    locations: concat([location], replicaLocations)
    publicNetworkAccess: publicNetworkAccess
    customRoles: rbac.custom_roles
    tags: union(tags, { workload: 'mlops', 'managed-by': 'bicep' })
  }
}

output registryId string = registry.outputs.id
