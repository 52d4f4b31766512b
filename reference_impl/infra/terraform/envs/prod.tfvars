# Environment "prod": the values of reference_impl/config/prod.yaml plus platform settings.
# terraform plan -var-file=envs/prod.tfvars

subscription_id     = "00000000-0000-0000-0000-000000000000"
environment         = "prod"
location            = "westeurope"
resource_group_name = "rg-mlops-prod"
workspace_name      = "mlw-mlops-prod"
registry_name       = "mlr-mlops-shared"

compute = {
  name          = "cpu-cluster-prod"
  size          = "Standard_DS4_v2"
  min_instances = 0
  max_instances = 4
  idle_seconds  = 900
}

isolated                   = true
private_endpoint_subnet_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-private-endpoints"

# Object id of each role's Microsoft Entra group; empty means no access for that role.
group_object_ids = {
  "data-engineer"       = ""
  "data-scientist"      = ""
  "ml-engineer"         = ""
  "ml-product-owner"    = ""
  "model-risk-reviewer" = ""
  "platform-engineer"   = ""
}

federated_credentials = [
  {
    name    = "github-prod"
    issuer  = "https://token.actions.githubusercontent.com"
    subject = "repo:contoso/churn-model:environment:prod"
  },
  {
    name    = "github-prod-monitoring"
    issuer  = "https://token.actions.githubusercontent.com"
    subject = "repo:contoso/churn-model:environment:prod-monitoring"
  },
]

log_retention_days    = 365
budget_amount         = 2000
budget_contact_emails = ["mlops-platform@contoso.example"]

tags = {
  cost-center = "ml-platform"
}
