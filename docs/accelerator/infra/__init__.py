"""The accelerator's tools for the reference project's platform code (``reference_impl/infra``).

:mod:`accelerator.infra.generate` turns the roles-to-RBAC guidance data into the role-assignment
files both IaC trees load, so access is decided in one place; :mod:`accelerator.infra.tables`
renders the site's tables of what the trees deploy.
"""
