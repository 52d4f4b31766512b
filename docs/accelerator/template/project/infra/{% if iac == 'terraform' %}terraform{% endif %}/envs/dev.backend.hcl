# Remote state of the dev environment (terraform init -backend-config=envs/dev.backend.hcl).
resource_group_name  = "rg-mlops-tfstate"
storage_account_name = "stmlopstfstate"
container_name       = "tfstate"
key                  = "mlops-dev.tfstate"
use_azuread_auth     = true
