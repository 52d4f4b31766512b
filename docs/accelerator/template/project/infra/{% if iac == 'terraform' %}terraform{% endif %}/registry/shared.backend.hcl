# Remote state of the shared registry (terraform init -backend-config=shared.backend.hcl).
resource_group_name  = "rg-mlops-tfstate"
storage_account_name = "stmlopstfstate"
container_name       = "tfstate"
key                  = "mlops-shared.tfstate"
use_azuread_auth     = true
