// One user-assigned managed identity per workload identity of the RBAC data. The CI/CD identity
// gets federated credentials (GitHub environments, Azure DevOps service connections): workflows
// exchange their OIDC token for an Azure token, so there is no secret to store or rotate.
param namePrefix string
param location string
@description('Workload identities from rbac.json: [{id, name, federated}].')
param identities array
@description('Federated credentials of the federated identity: [{name, issuer, subject}].')
param federatedCredentials array
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = [
  for item in identities: {
    name: '${namePrefix}-${item.id}'
    location: location
    tags: union(tags, { purpose: item.name })
  }
]

var federated = filter(identities, item => item.federated)

resource federatedIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: '${namePrefix}-${first(federated).id}'
}

// Azure rejects concurrent writes of credentials on one identity, hence batchSize(1).
@batchSize(1)
resource credentials 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = [
  for credential in federatedCredentials: {
    parent: federatedIdentity
    name: credential.name
    properties: {
      issuer: credential.issuer
      subject: credential.subject
      audiences: ['api://AzureADTokenExchange']
    }
    dependsOn: [identity]
  }
]

output principals array = [
  for (item, i) in identities: {
    id: item.id
    principalId: identity[i].properties.principalId
    clientId: identity[i].properties.clientId
    resourceId: identity[i].id
  }
]
