variable "subscription_id" {
  description = "Subscription of the environment (azure.subscription_id)."
  type        = string
}

variable "environment" {
  description = "Environment name; also selects the rows of the generated RBAC data."
  type        = string
  validation {
    condition     = contains(["dev", "test", "prod"], var.environment)
    error_message = "environment must be dev, test or prod."
  }
}

variable "location" {
  description = "Azure region of every resource (azure.location)."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the environment (azure.resource_group)."
  type        = string
}

variable "workspace_name" {
  description = "Azure ML workspace name (azure.workspace)."
  type        = string
}

variable "registry_name" {
  description = "Shared Azure ML registry, created by registry/ (azure.registry)."
  type        = string
}

variable "registry_resource_group_name" {
  description = "Resource group of the shared registry."
  type        = string
  default     = "rg-mlops-shared"
}

variable "compute" {
  description = "Compute cluster (the compute section of the environment's config file)."
  type = object({
    name          = string
    size          = string
    min_instances = optional(number, 0)
    max_instances = optional(number, 2)
    idle_seconds  = optional(number, 900)
  })
}

variable "isolated" {
  description = "Network isolation: no public endpoints, private endpoints, approved outbound only. Secure by default; dev and test opt out in their tfvars."
  type        = bool
  default     = true
}

variable "allowed_ip_ranges" {
  description = "Public IP ranges (CIDR) allowed through the storage firewall when not isolated."
  type        = list(string)
  default     = []
}

variable "private_endpoint_subnet_id" {
  description = "Subnet for the private endpoints of an isolated environment (empty: none)."
  type        = string
  default     = ""
}

variable "private_dns_zone_ids" {
  description = "Private DNS zone resource ids by private endpoint group id (amlworkspace, blob, file, vault, registry)."
  type        = map(string)
  default     = {}
}

variable "group_object_ids" {
  description = "Object id of the Microsoft Entra group of each role of the RBAC data; a role without a group gets no assignment."
  type        = map(string)
  default     = {}
}

variable "federated_credentials" {
  description = "Federated credentials of the CI/CD identity: GitHub environments and Azure DevOps service connections."
  type = list(object({
    name    = string
    issuer  = string
    subject = string
  }))
  default = []
}

variable "log_retention_days" {
  description = "Days Log Analytics keeps diagnostic logs."
  type        = number
  default     = 90
}

variable "budget_amount" {
  description = "Monthly budget of the resource group, in the billing currency."
  type        = number
}

variable "budget_contact_emails" {
  description = "Who is told when spend reaches the budget thresholds (besides Owners and Contributors)."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}

variable "rbac" {
  description = "Generated from the RBAC guidance data (rbac.auto.tfvars.json); do not set by hand."
  type = object({
    source = string
    custom_roles = list(object({
      name        = string
      id          = string
      description = string
      actions     = list(string)
    }))
    identities = list(object({
      id        = string
      name      = string
      federated = bool
    }))
    groups = map(string)
    assignments = map(list(object({
      principal          = string
      principal_type     = string
      azure_role         = string
      role_definition_id = string
      scope              = string
      identity_index     = optional(number)
    })))
  })
}

variable "rbac_source" {
  description = "Where rbac.auto.tfvars.json comes from."
  type        = string
  default     = ""
}
