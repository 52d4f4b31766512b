// Identity-based datastores over the lake's containers: no account key, SAS token or service
// principal secret is stored. Jobs read with their own identity (which needs a data role on
// the lake, from the RBAC data); the studio previews data with the workspace's identity.
param workspaceName string
param lakeName string
param containers array

resource workspace 'Microsoft.MachineLearningServices/workspaces@2024-10-01' existing = {
  name: workspaceName
}

resource datastores 'Microsoft.MachineLearningServices/workspaces/datastores@2024-10-01' = [
  for zone in containers: {
    parent: workspace
    name: zone
    properties: {
      datastoreType: 'AzureDataLakeGen2'
      accountName: lakeName
      filesystem: zone
      endpoint: environment().suffixes.storage
      protocol: 'https'
      serviceDataAccessAuthIdentity: 'WorkspaceUserAssignedIdentity'
      credentials: { credentialsType: 'None' }
      description: '${zone} zone of the data lake (identity-based access)'
    }
  }
]

output names array = [for zone in containers: zone]
