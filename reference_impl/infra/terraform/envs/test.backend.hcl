# Remote state of the test environment (terraform init -backend-config=envs/test.backend.hcl).
resource_group_name  = "rg-mlops-tfstate"
storage_account_name = "stmlopstfstate"
container_name       = "tfstate"
key                  = "mlops-test.tfstate"
use_azuread_auth     = true
