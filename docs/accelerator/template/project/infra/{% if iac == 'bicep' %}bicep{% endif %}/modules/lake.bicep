// The data lake Azure ML reads and writes: an ADLS Gen2 account (hierarchical namespace) with
// shared-key access disabled, so only Entra identities get in, and one container (file system)
// per zone: raw, curated, predictions. The twin of terraform/lake.tf.
param name string
param location string
@description('No public endpoint at all when true; otherwise only allowedIpRanges get through.')
param isolated bool
param allowedIpRanges array
param logAnalyticsId string
param tags object
@description('Zones of the lake; each becomes a container and an identity-based datastore.')
param containers array = ['raw', 'curated', 'predictions']

resource lake 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: union(tags, { purpose: 'data lake' })
  kind: 'StorageV2'
  sku: { name: 'Standard_GRS' }
  properties: {
    accessTier: 'Hot'
    isHnsEnabled: true
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    isLocalUserEnabled: false
    isSftpEnabled: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: isolated ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
      ipRules: [for range in allowedIpRanges: { value: range, action: 'Allow' }]
    }
    sasPolicy: { sasExpirationPeriod: '0.01:00:00', expirationAction: 'Log' }
    keyPolicy: { keyExpirationPeriodInDays: 90 }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        blob: { enabled: true, keyType: 'Account' }
        file: { enabled: true, keyType: 'Account' }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: lake
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: 7 }
    containerDeleteRetentionPolicy: { enabled: true, days: 7 }
  }
}

resource zones 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for zone in containers: {
    parent: blobService
    name: zone
    properties: { publicAccess: 'None' }
  }
]

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: blobService
  properties: {
    workspaceId: logAnalyticsId
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
    metrics: [{ category: 'Transaction', enabled: true }]
  }
}

output id string = lake.id
output name string = lake.name
output containers array = containers
