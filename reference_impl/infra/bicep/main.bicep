// One Azure ML environment (dev, test or prod): resource group, workspace and its dependencies,
// identities, role assignments generated from the RBAC data, diagnostics and a budget.
//
//   az deployment sub create --location westeurope \
//     --template-file main.bicep --parameters main.dev.parameters.json
//
// Deploy registry.bicep once first: every environment promotes models through that registry.
targetScope = 'subscription'

// --8<-- [start:parameters]
@description('Environment name; also selects the rows of the generated RBAC data.')
@allowed(['dev', 'test', 'prod'])
param environmentName string

@description('Azure region of every resource (reference_impl/config/<env>.yaml azure.location).')
param location string

@description('Resource group of the environment (azure.resource_group).')
param resourceGroupName string

@description('Azure ML workspace name (azure.workspace).')
param workspaceName string

@description('Shared Azure ML registry, deployed by registry.bicep (azure.registry).')
param registryName string

@description('Resource group of the shared registry.')
param registryResourceGroupName string = 'rg-mlops-shared'

@description('Compute cluster (compute.name, compute.size, compute.*_instances, compute.idle_seconds).')
param computeName string
param computeSize string
@minValue(0)
param computeMinInstances int = 0
@minValue(1)
param computeMaxInstances int = 2
@minValue(60)
param computeIdleSeconds int = 900

@description('Network isolation: no public endpoints, private endpoints, approved outbound only. Secure by default; dev and test opt out in their parameter files.')
param isolated bool = true

@description('Public IP ranges (CIDR) allowed through the storage firewall when not isolated.')
param allowedIpRanges array = []

@description('Subnet for the private endpoints of an isolated environment (empty: none).')
param privateEndpointSubnetId string = ''

@description('Private DNS zone resource ids by private endpoint group id (amlworkspace, blob, file, vault, registry).')
param privateDnsZoneIds object = {}

@description('Object id of the Microsoft Entra group of each role of the RBAC data, e.g. {"data-scientist": "<object id>"}; a role without a group gets no assignment.')
param groupObjectIds object = {}

@description('Federated credentials of the CI/CD identity: GitHub environments and Azure DevOps service connections.')
param federatedCredentials array = []

@description('Days Log Analytics keeps diagnostic logs.')
@minValue(30)
param logRetentionDays int = 90

@description('Monthly budget of the resource group, in the billing currency.')
@minValue(1)
param budgetAmount int

@description('Who is told when spend reaches the budget thresholds (besides Owners and Contributors).')
param budgetContactEmails array = []

@description('First day of the budget; must be the first of a month.')
param budgetStartDate string = utcNow('yyyy-MM-01')

param tags object = {}
// --8<-- [end:parameters]

var rbac = loadJsonContent('rbac.json')
var allTags = union(tags, { environment: environmentName, workload: 'mlops', 'managed-by': 'bicep' })
var suffix = uniqueString(subscription().id, resourceGroupName)
var compactName = toLower(replace(workspaceName, '-', ''))
var names = {
  logAnalytics: 'log-${workspaceName}'
  appInsights: 'appi-${workspaceName}'
  storage: take('st${compactName}${suffix}', 24)
  lake: take('dl${compactName}${suffix}', 24)
  keyVault: take('kv${compactName}${suffix}', 24)
  containerRegistry: take('cr${compactName}${suffix}', 50)
}
var registryId = resourceId(
  subscription().subscriptionId,
  registryResourceGroupName,
  'Microsoft.MachineLearningServices/registries',
  registryName
)

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: resourceGroupName
  location: location
  tags: allTags
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    location: location
    retentionDays: logRetentionDays
    tags: allTags
  }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  name: 'storage'
  params: {
    name: names.storage
    location: location
    isolated: isolated
    allowedIpRanges: allowedIpRanges
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    tags: allTags
  }
}

module lake 'modules/lake.bicep' = {
  scope: rg
  name: 'lake'
  params: {
    name: names.lake
    location: location
    isolated: isolated
    allowedIpRanges: allowedIpRanges
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    tags: allTags
  }
}

module keyVault 'modules/key-vault.bicep' = {
  scope: rg
  name: 'key-vault'
  params: {
    name: names.keyVault
    location: location
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    tags: allTags
  }
}

module containerRegistry 'modules/container-registry.bicep' = {
  scope: rg
  name: 'container-registry'
  params: {
    name: names.containerRegistry
    location: location
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    tags: allTags
  }
}

module identities 'modules/identities.bicep' = {
  scope: rg
  name: 'identities'
  params: {
    namePrefix: 'id-${workspaceName}'
    location: location
    identities: rbac.identities
    federatedCredentials: federatedCredentials
    tags: allTags
  }
}

module workspace 'modules/workspace.bicep' = {
  scope: rg
  name: 'workspace'
  params: {
    name: workspaceName
    location: location
    isolated: isolated
    storageId: storage.outputs.id
    keyVaultId: keyVault.outputs.id
    containerRegistryId: containerRegistry.outputs.id
    appInsightsId: monitoring.outputs.appInsightsId
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    registryId: registryId
    computeName: computeName
    computeSize: computeSize
    computeMinInstances: computeMinInstances
    computeMaxInstances: computeMaxInstances
    computeIdleSeconds: computeIdleSeconds
    trainingIdentityId: first(filter(identities.outputs.principals, p => p.id == 'training-compute')).resourceId
    tags: allTags
  }
}

module lakeDatastores 'modules/datastores.bicep' = {
  scope: rg
  name: 'lake-datastores'
  params: {
    workspaceName: workspaceName
    lakeName: lake.outputs.name
    containers: lake.outputs.containers
  }
  dependsOn: [workspace]
}

// --8<-- [start:private-endpoints]
// Isolated environments get private endpoints for the workspace and its dependencies.
var privateTargets = isolated && !empty(privateEndpointSubnetId) ? [
  { name: workspaceName, type: 'Microsoft.MachineLearningServices/workspaces', groupId: 'amlworkspace' }
  { name: names.storage, type: 'Microsoft.Storage/storageAccounts', groupId: 'blob' }
  { name: names.storage, type: 'Microsoft.Storage/storageAccounts', groupId: 'file' }
  { name: names.keyVault, type: 'Microsoft.KeyVault/vaults', groupId: 'vault' }
  { name: names.containerRegistry, type: 'Microsoft.ContainerRegistry/registries', groupId: 'registry' }
  { name: names.lake, type: 'Microsoft.Storage/storageAccounts', groupId: 'blob' }
  { name: names.lake, type: 'Microsoft.Storage/storageAccounts', groupId: 'dfs' }
] : []

module privateEndpoints 'modules/private-endpoint.bicep' = [
  for target in privateTargets: {
    scope: rg
    name: 'pe-${target.name}-${target.groupId}'
    params: {
      name: 'pe-${target.name}-${target.groupId}'
      location: location
      subnetId: privateEndpointSubnetId
      targetId: resourceId(subscription().subscriptionId, resourceGroupName, target.type, target.name)
      groupId: target.groupId
      privateDnsZoneId: contains(privateDnsZoneIds, target.groupId) ? privateDnsZoneIds[target.groupId] : ''
      tags: allTags
    }
    dependsOn: [workspace, storage, lake, keyVault, containerRegistry]
  }
]
// --8<-- [end:private-endpoints]

// --8<-- [start:role-assignments]
// Each generated row gets its principal's object id: the role's Entra group from the parameter
// file, or the managed identity created above. Rows without one are skipped by the module.
var grants = rbac.assignments[environmentName]
var groupIds = union(rbac.groups, groupObjectIds)

module roleAssignments 'modules/role-assignments.bicep' = {
  scope: rg
  name: 'role-assignments'
  params: {
    grants: [
      for g in grants: union(g, {
        principalId: g.principal_type == 'Group' ? groupIds[g.principal] : identities.outputs.principals[g.identity_index].principalId
      })
    ]
    workspaceName: workspaceName
    storageName: names.storage
    lakeName: names.lake
    keyVaultName: names.keyVault
    containerRegistryName: names.containerRegistry
    registryName: registryName
    registryResourceGroupName: registryResourceGroupName
  }
  dependsOn: [workspace, storage, lake, keyVault, containerRegistry]
}
// --8<-- [end:role-assignments]

module budget 'modules/budget.bicep' = {
  scope: rg
  name: 'budget'
  params: {
    name: 'budget-${resourceGroupName}'
    amount: budgetAmount
    startDate: budgetStartDate
    contactEmails: budgetContactEmails
  }
}

output workspaceId string = workspace.outputs.id
output identities array = identities.outputs.principals
