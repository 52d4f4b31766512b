"""Platform as code: Bicep and Terraform for the dev, test and prod Azure ML environments.

The templates live next to this package (``bicep/`` and ``terraform/``); the only Python here
is :mod:`reference_impl.infra.generate`, which turns the roles-to-RBAC guidance data into the
role-assignment files both trees load, so access is decided in one place.
"""
