# Remote state of the prod environment (terraform init -backend-config=envs/prod.backend.hcl).
resource_group_name  = "rg-mlops-tfstate"
storage_account_name = "stmlopstfstate"
container_name       = "tfstate"
key                  = "mlops-prod.tfstate"
use_azuread_auth     = true
