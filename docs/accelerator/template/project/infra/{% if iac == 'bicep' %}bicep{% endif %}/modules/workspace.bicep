// The Azure ML workspace with a managed virtual network, a private endpoint to the shared
// registry, a compute cluster that scales to zero, and diagnostic logs to Log Analytics.
param name string
param location string
@description('Public network access off and approved outbound only when true.')
param isolated bool
param storageId string
param keyVaultId string
param containerRegistryId string
param appInsightsId string
param logAnalyticsId string
@description('Resource id of the shared Azure ML registry.')
param registryId string
param computeName string
param computeSize string
param computeMinInstances int
param computeMaxInstances int
param computeIdleSeconds int
@description('User-assigned identity the cluster runs jobs as.')
param trainingIdentityId string
param tags object

resource workspace 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Basic', tier: 'Basic' }
  identity: { type: 'SystemAssigned' }
  properties: {
    friendlyName: name
    storageAccount: storageId
    keyVault: keyVaultId
    containerRegistry: containerRegistryId
    applicationInsights: appInsightsId
    publicNetworkAccess: isolated ? 'Disabled' : 'Enabled'
    v1LegacyMode: false
    // The container registry has no public endpoint: images build on the cluster.
    imageBuildCompute: computeName
    managedNetwork: {
      isolationMode: isolated ? 'AllowOnlyApprovedOutbound' : 'AllowInternetOutbound'
      outboundRules: {
        'shared-registry': {
          type: 'PrivateEndpoint'
          category: 'UserDefined'
          destination: {
            serviceResourceId: registryId
            subresourceTarget: 'amlregistry'
            sparkEnabled: false
          }
        }
      }
    }
  }
}

// Feeds the environment image build downloads from (conda-forge, then pip): with approved
// outbound only, the managed network opens exactly these host names (FQDN rules; they run
// through the managed Azure Firewall the workspace creates for them).
var packageFeeds = [
  'conda.anaconda.org'
  'pypi.org'
  'files.pythonhosted.org'
]

resource packageFeedRules 'Microsoft.MachineLearningServices/workspaces/outboundRules@2024-10-01' = [for feed in (isolated ? packageFeeds : []): {
  parent: workspace
  name: 'feed-${replace(feed, '.', '-')}'
  properties: {
    type: 'FQDN'
    category: 'UserDefined'
    destination: feed
  }
}]

resource cluster 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: workspace
  name: computeName
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${trainingIdentityId}': {} }
  }
  properties: {
    computeType: 'AmlCompute'
    disableLocalAuth: true
    properties: {
      vmSize: computeSize
      vmPriority: 'Dedicated'
      osType: 'Linux'
      enableNodePublicIp: false
      remoteLoginPortPublicAccess: 'Disabled'
      scaleSettings: {
        minNodeCount: computeMinInstances
        maxNodeCount: computeMaxInstances
        nodeIdleTimeBeforeScaleDown: 'PT${computeIdleSeconds}S'
      }
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: workspace
  properties: {
    workspaceId: logAnalyticsId
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

output id string = workspace.id
output name string = workspace.name
