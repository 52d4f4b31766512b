"""Roles to Azure RBAC: which Azure role each person and workload identity gets, where.

The data is a flat list of ``(role, environment, azure_role, scope)`` rows so that
infrastructure code can generate role assignments from it one-to-one.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table
from accelerator.guidance.roles import role, role_ids

Environment = Literal["dev", "test", "prod"]
Scope = Literal[
    "workspace",
    "registry",
    "resource-group",
    "storage",
    "lake",
    "lake-predictions",
    "key-vault",
    "container-registry",
]
ENVIRONMENTS: tuple[Environment, ...] = ("dev", "test", "prod")

# Azure roles that cannot change anything in their scope (data or control plane).
READ_ONLY_ROLES = frozenset(
    {
        "Reader",
        "Monitoring Reader",
        "Storage Blob Data Reader",
        "Key Vault Secrets User",
        "AcrPull",
        "MLOps Registry Reader",
    }
)


class WorkloadIdentity(BaseModel):
    """A non-human identity that is granted access, such as a CI/CD service principal.

    Attributes:
        id: Stable key used in the ``role`` column of assignments.
        name: Display name.
        kind: What kind of Microsoft Entra identity it is.
        purpose: What it is used for.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z-]+$")
    name: str
    kind: str
    purpose: str


class CustomRole(BaseModel):
    """A custom Azure role defined by the accelerator.

    Attributes:
        name: Role name as created in Azure.
        description: What it allows.
        actions: Azure resource provider operations it grants.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    description: str
    actions: tuple[str, ...] = Field(min_length=1)


class RoleAssignment(BaseModel):
    """One Azure role granted to one role or identity in one environment.

    Attributes:
        role: A role id from the role catalogue or a workload identity id.
        environment: ``dev``, ``test`` or ``prod``.
        azure_role: Name of the built-in or custom Azure role.
        scope: The kind of resource the role is granted on.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: str
    environment: Environment
    azure_role: str
    scope: Scope


class RbacData(BaseModel):
    """Everything in ``data/rbac.yaml``.

    Attributes:
        identities: Workload identities that receive access besides people.
        custom_roles: Custom Azure roles referenced by assignments.
        assignments: The role assignments.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    identities: tuple[WorkloadIdentity, ...]
    custom_roles: tuple[CustomRole, ...]
    assignments: tuple[RoleAssignment, ...]


@cache
def rbac_data() -> RbacData:
    """Return the validated RBAC data.

    Returns:
        Identities, custom roles and assignments.
    """
    return load_data("rbac", RbacData)


def assignments() -> tuple[RoleAssignment, ...]:
    """Return every role assignment.

    Returns:
        The ``(role, environment, azure_role, scope)`` rows in data-file order.
    """
    return rbac_data().assignments


def principal_ids() -> frozenset[str]:
    """Return every id that may appear in an assignment's ``role`` column.

    Returns:
        Role ids from the catalogue plus workload identity ids.
    """
    return role_ids() | {identity.id for identity in rbac_data().identities}


def principal_name(principal: str) -> str:
    """Return the display name of a role or workload identity.

    Args:
        principal: A role id or workload identity id.

    Returns:
        Its display name.

    Raises:
        KeyError: If the id is neither a role nor a workload identity.
    """
    for identity in rbac_data().identities:
        if identity.id == principal:
            return identity.name
    return role(principal).name


# --8<-- [start:azure-roles-for]
def azure_roles_for(principal: str, environment: Environment) -> tuple[tuple[str, Scope], ...]:
    """Return the Azure roles a role or identity holds in one environment.

    Args:
        principal: A role id (``"data-scientist"``) or workload identity id (``"ci-deployer"``).
        environment: ``dev``, ``test`` or ``prod``.

    Returns:
        ``(azure_role, scope)`` pairs; empty when it has no access there.

    Raises:
        KeyError: If ``principal`` is unknown.
    """
    if principal not in principal_ids():
        raise KeyError(f"unknown role or identity {principal!r}")
    return tuple(
        (a.azure_role, a.scope)
        for a in assignments()
        if a.role == principal and a.environment == environment
    )
    # --8<-- [end:azure-roles-for]


def can_change(principal: str, environment: Environment) -> bool:
    """Say whether a role or identity holds any Azure role that can change resources.

    Args:
        principal: A role id or workload identity id.
        environment: ``dev``, ``test`` or ``prod``.

    Returns:
        ``True`` if at least one of its Azure roles there is not read-only.
    """
    return any(name not in READ_ONLY_ROLES for name, _ in azure_roles_for(principal, environment))


def _cell(principal: str, environment: Environment) -> str:
    held = azure_roles_for(principal, environment)
    return "<br>".join(f"{name} ({scope})" for name, scope in held) or "—"


def rbac_table() -> str:
    """Render the assignments as a matrix: roles and identities down, environments across.

    Returns:
        One row per role or identity that holds any assignment, in data-file order.
    """
    principals = list(dict.fromkeys(a.role for a in assignments()))
    return markdown_table(
        ["Role or identity", *ENVIRONMENTS],
        [(principal_name(p), *(_cell(p, env) for env in ENVIRONMENTS)) for p in principals],
    )


def identities_table() -> str:
    """Render the workload identities and custom roles.

    Returns:
        One row per workload identity, then one per custom role.
    """
    rows = [(f"**{i.name}**", i.kind, i.purpose) for i in rbac_data().identities]
    rows += [
        (f"**{c.name}** (custom role)", ", ".join(f"`{a}`" for a in c.actions), c.description)
        for c in rbac_data().custom_roles
    ]
    return markdown_table(["Identity or custom role", "Kind / actions", "Purpose"], rows)
