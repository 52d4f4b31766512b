# Example values; the gates themselves are in gates.auto.tfvars.json (generated).
github_owner      = "contoso"
github_repository = "churn-model"

github_teams = {
  ml-product-owner  = "ml-product-owners"
  platform-engineer = "ml-platform-engineers"
}

azure_devops_org_url    = "https://dev.azure.com/contoso"
azure_devops_project_id = "00000000-0000-0000-0000-000000000000"

azure_devops_groups = {
  ml-product-owner  = "00000000-0000-0000-0000-000000000000"
  platform-engineer = "00000000-0000-0000-0000-000000000000"
}

# Client ids come from the outputs of the environment deployments (identities.ci-deployer).
identities = {
  dev   = { client_id = "00000000-0000-0000-0000-000000000000", tenant_id = "00000000-0000-0000-0000-000000000000", subscription_id = "00000000-0000-0000-0000-000000000000", subscription_name = "mlops-dev" }
  test  = { client_id = "00000000-0000-0000-0000-000000000000", tenant_id = "00000000-0000-0000-0000-000000000000", subscription_id = "00000000-0000-0000-0000-000000000000", subscription_name = "mlops-test" }
  prod  = { client_id = "00000000-0000-0000-0000-000000000000", tenant_id = "00000000-0000-0000-0000-000000000000", subscription_id = "00000000-0000-0000-0000-000000000000", subscription_name = "mlops-prod" }
  infra = { client_id = "00000000-0000-0000-0000-000000000000", tenant_id = "00000000-0000-0000-0000-000000000000", subscription_id = "00000000-0000-0000-0000-000000000000", subscription_name = "mlops-platform" }
  plan  = { client_id = "00000000-0000-0000-0000-000000000000", tenant_id = "00000000-0000-0000-0000-000000000000", subscription_id = "00000000-0000-0000-0000-000000000000", subscription_name = "mlops-platform" }
}
