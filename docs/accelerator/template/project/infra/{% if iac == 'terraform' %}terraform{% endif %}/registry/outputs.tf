output "registry_id" {
  description = "Resource id of the shared Azure ML registry."
  value       = azapi_resource.registry.id
}
