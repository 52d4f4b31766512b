// One private endpoint of an isolated environment, in a subnet of the customer's network, with
// its DNS record in a private DNS zone when one is given.
param name string
param location string
param subnetId string
@description('Resource id of the resource to reach privately.')
param targetId string
@description('Private link group id: amlworkspace, blob, dfs, file, vault or registry.')
param groupId string
@description('Private DNS zone resource id for the group (empty: no DNS record).')
param privateDnsZoneId string
param tags object

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: { id: subnetId }
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: targetId
          groupIds: [groupId]
        }
      }
    ]
  }
}

resource dns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = if (!empty(privateDnsZoneId)) {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      { name: groupId, properties: { privateDnsZoneId: privateDnsZoneId } }
    ]
  }
}
