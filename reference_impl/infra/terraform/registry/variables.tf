variable "subscription_id" {
  description = "Subscription of the shared registry."
  type        = string
}

variable "registry_name" {
  description = "Registry name (azure.registry in every reference_impl/config/<env>.yaml)."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the registry."
  type        = string
  default     = "rg-mlops-shared"
}

variable "location" {
  description = "Primary region (azure.location)."
  type        = string
}

variable "replica_locations" {
  description = "More regions to replicate models and environments to."
  type        = list(string)
  default     = []
}

variable "public_network_access" {
  description = "Public network access of the registry: workspaces reach it through their managed private endpoint either way."
  type        = string
  default     = "Disabled"
  validation {
    condition     = contains(["Enabled", "Disabled"], var.public_network_access)
    error_message = "public_network_access must be Enabled or Disabled."
  }
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
