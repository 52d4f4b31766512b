// Log Analytics (every diagnostic setting sends here) and workspace-based Application Insights.
param logAnalyticsName string
param appInsightsName string
param location string
@minValue(30)
param retentionDays int
param tags object

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionDays
    features: { disableLocalAuth: true }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    // Online endpoints write request logs with the connection string, so local auth stays on.
    DisableLocalAuth: false
  }
}

output logAnalyticsId string = logAnalytics.id
output appInsightsId string = appInsights.id
