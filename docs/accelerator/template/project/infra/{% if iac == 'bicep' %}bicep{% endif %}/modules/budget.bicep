// A monthly budget on the environment's resource group: mail at 80% of actual spend and when the
// forecast passes 100%.
param name string
@minValue(1)
param amount int
@description('First day of a month, yyyy-MM-dd.')
param startDate string
param contactEmails array

resource budget 'Microsoft.Consumption/budgets@2023-05-01' = {
  name: name
  properties: {
    category: 'Cost'
    amount: amount
    timeGrain: 'Monthly'
    timePeriod: { startDate: startDate }
    notifications: {
      actual80: {
        enabled: true
        operator: 'GreaterThan'
        threshold: 80
        thresholdType: 'Actual'
        contactEmails: contactEmails
        contactRoles: ['Owner', 'Contributor']
      }
      forecast100: {
        enabled: true
        operator: 'GreaterThan'
        threshold: 100
        thresholdType: 'Forecasted'
        contactEmails: contactEmails
        contactRoles: ['Owner', 'Contributor']
      }
    }
  }
}
