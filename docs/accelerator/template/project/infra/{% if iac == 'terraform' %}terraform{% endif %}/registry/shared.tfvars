# The shared registry (terraform apply -var-file=shared.tfvars).
subscription_id       = "00000000-0000-0000-0000-000000000000"
registry_name         = "mlr-mlops-shared"
resource_group_name   = "rg-mlops-shared"
location              = "westeurope"
replica_locations     = []
public_network_access = "Enabled"

tags = {
  cost-center = "ml-platform"
}
