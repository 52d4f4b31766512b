# Environment "test": the values of reference_impl/config/test.yaml plus platform settings.
# terraform plan -var-file=envs/test.tfvars

subscription_id     = "00000000-0000-0000-0000-000000000000"
environment         = "test"
location            = "westeurope"
resource_group_name = "rg-mlops-test"
workspace_name      = "mlw-mlops-test"
registry_name       = "mlr-mlops-shared"

compute = {
  name          = "cpu-cluster-test"
  size          = "Standard_DS3_v2"
  min_instances = 0
  max_instances = 2
  idle_seconds  = 900
}

isolated          = false
allowed_ip_ranges = ["203.0.113.0/24"]

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
    name    = "github-test"
    issuer  = "https://token.actions.githubusercontent.com"
    subject = "repo:contoso/churn-model:environment:test"
  },
]

log_retention_days    = 90
budget_amount         = 500
budget_contact_emails = ["mlops-platform@contoso.example"]

tags = {
  cost-center = "ml-platform"
}
