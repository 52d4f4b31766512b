// The workspace's container registry for environment images: Premium (private endpoints, zone
// redundancy, retention), no admin user, no anonymous pull, no public network access.
param name string
param location string
param logAnalyticsId string
param tags object

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  //checkov:skip=CKV_AZURE_166:Quarantine would stop Azure ML pulling the environment images it has just built (nothing releases them); images are scanned by Microsoft Defender for Containers instead.
  name: name
  location: location
  tags: tags
  sku: { name: 'Premium' }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
    publicNetworkAccess: 'Disabled'
    networkRuleBypassOptions: 'AzureServices'
    dataEndpointEnabled: true
    zoneRedundancy: 'Enabled'
    policies: {
      retentionPolicy: { status: 'enabled', days: 7 }
      exportPolicy: { status: 'disabled' }
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: registry
  properties: {
    workspaceId: logAnalyticsId
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

output id string = registry.id
output name string = registry.name
