# A monthly budget on the environment's resource group: mail at 80% of actual spend and when the
# forecast passes 100%. The start date is the month of the first apply.
resource "azurerm_consumption_budget_resource_group" "this" {
  name              = "budget-${var.resource_group_name}"
  resource_group_id = azurerm_resource_group.this.id
  amount            = var.budget_amount
  time_grain        = "Monthly"

  time_period {
    start_date = formatdate("YYYY-MM-01'T'00:00:00Z", timestamp())
  }

  notification {
    enabled        = true
    operator       = "GreaterThan"
    threshold      = 80
    threshold_type = "Actual"
    contact_emails = var.budget_contact_emails
    contact_roles  = ["Owner", "Contributor"]
  }

  notification {
    enabled        = true
    operator       = "GreaterThan"
    threshold      = 100
    threshold_type = "Forecasted"
    contact_emails = var.budget_contact_emails
    contact_roles  = ["Owner", "Contributor"]
  }

  lifecycle {
    ignore_changes = [time_period]
  }
}
