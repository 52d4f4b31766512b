"""Generate the role-assignment files of the Bicep and Terraform trees from the RBAC data.

Who gets which Azure role where is decided once, in ``docs/accelerator/guidance/data/rbac.yaml``.
This module turns those rows into the JSON both infrastructure trees load, with each Azure
role name replaced by its role definition GUID:

* ``bicep/rbac.json`` — read by ``main.bicep`` and ``registry.bicep`` with ``loadJsonContent``;
* ``terraform/rbac.auto.tfvars.json`` — loaded by Terraform automatically;
* ``terraform/registry/rbac.auto.tfvars.json`` — the same, for the shared registry's root;
* ``../cicd/gates/gates.auto.tfvars.json`` — the GitHub and Azure DevOps environments with the
  approvals the promotion path and the RACI matrix call for, so the gates are code too.

Run ``python -m accelerator.infra.generate`` after changing the RBAC data, and commit the
result; ``--check`` only reports stale files (the test suite runs it).
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from accelerator import PROJECT_DIR
from accelerator.guidance.promotion import gate_into
from accelerator.guidance.raci import accountable_for
from accelerator.guidance.rbac import ENVIRONMENTS, assignments, rbac_data
from accelerator.guidance.roles import role_ids

PACKAGE_DIR = PROJECT_DIR
SOURCE = "docs/accelerator/guidance/data/rbac.yaml"
NOTICE = f"Generated from {SOURCE} by python -m accelerator.infra.generate; do not edit."

# --8<-- [start:built-in-roles]
# Azure built-in role definition ids (the same GUID in every tenant).
BUILT_IN_ROLES: dict[str, str] = {
    "AcrPull": "7f951dda-4ed3-4680-a7ca-43fe172d538d",
    "AzureML Compute Operator": "e503ece1-11d0-4e8e-8e2c-7a6c3bf38815",
    "AzureML Data Scientist": "f6c7c914-8db3-469d-8ca1-694a8f32e121",
    "AzureML Registry User": "1823dd4f-9b8c-4ab6-ab4e-7397a3684615",
    "Contributor": "b24988ac-6180-42a0-ab88-20f7382dd24c",
    "Key Vault Secrets User": "4633458b-17de-408a-b874-0445c86b69e6",
    "Monitoring Reader": "43d0d8ad-25c7-4714-9337-8ba259a9fe05",
    "Reader": "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    "Storage Blob Data Contributor": "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    "Storage Blob Data Reader": "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
}
# --8<-- [end:built-in-roles]
# Namespace of the deterministic ids of the accelerator's custom roles.
CUSTOM_ROLE_NAMESPACE = uuid.UUID("5b0d7c1e-3f7a-4c56-9a4e-2d1f0b8c6e21")
# The workload identity that CI/CD signs in as, through federated credentials (no secret).
FEDERATED_IDENTITY = "ci-deployer"


def custom_role_id(name: str) -> str:
    """Return the role definition GUID of a custom role.

    The GUID is derived from the role name, so Bicep and Terraform create the same definition
    and every environment refers to it without a lookup.

    Args:
        name: The custom role's name, e.g. ``"MLOps Registry Reader"``.

    Returns:
        A lower-case GUID string.
    """
    return str(uuid.uuid5(CUSTOM_ROLE_NAMESPACE, name))


def role_definition_id(azure_role: str) -> str:
    """Return the role definition GUID of a built-in or custom Azure role.

    Args:
        azure_role: Role name as it appears in the RBAC data.

    Returns:
        The GUID the role assignment refers to.

    Raises:
        KeyError: If the role is neither in :data:`BUILT_IN_ROLES` nor a custom role of the
            RBAC data (add its GUID to the map when the data starts using it).
    """
    if azure_role in BUILT_IN_ROLES:
        return BUILT_IN_ROLES[azure_role]
    if azure_role in {c.name for c in rbac_data().custom_roles}:
        return custom_role_id(azure_role)
    raise KeyError(f"no role definition id for Azure role {azure_role!r}; add it to BUILT_IN_ROLES")


def principal_type(principal: str) -> str:
    """Return how Azure sees a principal: people's roles are Entra groups, the rest identities.

    Args:
        principal: A role id or workload identity id from the RBAC data.

    Returns:
        ``"Group"`` or ``"ServicePrincipal"``.
    """
    return "Group" if principal in role_ids() else "ServicePrincipal"


# --8<-- [start:rbac-document]
def rbac_document() -> dict[str, Any]:
    """Build the role-assignment document both infrastructure trees load.

    Returns:
        ``custom_roles`` (with deterministic GUIDs), ``identities`` (each becomes a
        user-assigned managed identity per environment), ``groups`` (every role id that holds an
        assignment, mapped to ``""``: the default of the group object id parameter) and
        ``assignments`` per environment, each row carrying the role definition GUID, the
        principal type and, for a workload identity, its position in ``identities``.
    """
    data = rbac_data()
    rows = assignments()
    identity_index = {identity.id: i for i, identity in enumerate(data.identities)}
    return {
        "source": NOTICE,
        "custom_roles": [
            {
                "name": c.name,
                "id": custom_role_id(c.name),
                "description": c.description,
                "actions": list(c.actions),
            }
            for c in data.custom_roles
        ],
        "identities": [
            {"id": i.id, "name": i.name, "federated": i.id == FEDERATED_IDENTITY}
            for i in data.identities
        ],
        "groups": {
            group: ""
            for group in sorted({a.role for a in rows if principal_type(a.role) == "Group"})
        },
        "assignments": {
            env: [
                {
                    "principal": a.role,
                    "principal_type": principal_type(a.role),
                    "azure_role": a.azure_role,
                    "role_definition_id": role_definition_id(a.azure_role),
                    "scope": a.scope,
                    # Position in ``identities`` (the templates create them in that order).
                    "identity_index": identity_index.get(a.role),
                }
                for a in rows
                if a.environment == env
            ]
            for env in ENVIRONMENTS
        },
    }
    # --8<-- [end:rbac-document]


# --8<-- [start:gates-document]
def gates_document() -> dict[str, Any]:
    """Build the deployment gates: one entry per GitHub environment the workflows use.

    A model environment is approved by the promotion path's approver (``None``: automatic);
    ``prod-monitoring`` lets the scheduled drift check use the prod identity from ``main``
    without waiting for anyone. Infrastructure environments other than dev are approved by the
    role accountable for provisioning environments in the RACI matrix.

    Returns:
        ``environments``: name -> ``approvers`` (role ids), ``azure_environment`` (whose
        identity it signs in as, or ``"infra"``) and ``ado_environment`` (the Azure DevOps
        environment that carries the same gate, or ``None``).
    """
    platform = accountable_for("provision-environments").id
    environments: dict[str, Any] = {}
    for env in ENVIRONMENTS:
        approver = gate_into(env).approver
        environments[env] = {
            "approvers": [approver] if approver else [],
            "azure_environment": env,
            "ado_environment": f"mlops-{env}",
        }
    environments["prod-monitoring"] = {
        "approvers": [],
        "azure_environment": "prod",
        "ado_environment": None,
    }
    for target in ("shared", *ENVIRONMENTS):
        environments[f"infra-{target}"] = {
            "approvers": [] if target == "dev" else [platform],
            "azure_environment": "infra",
            "ado_environment": f"infra-{target}",
        }
    source = NOTICE.replace("rbac.yaml", "promotion.yaml and raci.yaml")
    return {"source": source, "environments": environments}
    # --8<-- [end:gates-document]


def rendered_files(root: Path = PACKAGE_DIR) -> dict[Path, str]:
    """Render every generated file.

    Args:
        root: The reference project's folder, holding ``infra/`` and ``cicd/``.

    Returns:
        File path to its full text.
    """
    document = rbac_document()
    bicep = json.dumps(document, indent=2) + "\n"
    terraform = json.dumps({"rbac_source": NOTICE, "rbac": document}, indent=2) + "\n"
    gates = json.dumps({"gates": gates_document()}, indent=2) + "\n"
    return {
        root / "infra" / "bicep" / "rbac.json": bicep,
        root / "infra" / "terraform" / "rbac.auto.tfvars.json": terraform,
        root / "infra" / "terraform" / "registry" / "rbac.auto.tfvars.json": terraform,
        root / "cicd" / "gates" / "gates.auto.tfvars.json": gates,
    }


def stale_files(root: Path = PACKAGE_DIR) -> list[Path]:
    """List generated files that are missing or differ from a fresh rendering.

    Args:
        root: The reference project's folder (``reference_impl/``).

    Returns:
        Stale files; empty when everything is current.
    """
    return [
        path
        for path, text in rendered_files(root).items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]


def write_files(root: Path = PACKAGE_DIR) -> list[Path]:
    """Write every generated file.

    Args:
        root: The reference project's folder (``reference_impl/``).

    Returns:
        The files written.
    """
    written = []
    for path, text in rendered_files(root).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Write the generated files, or with ``--check`` report stale ones.

    Args:
        argv: Command-line arguments without the program name.

    Returns:
        ``0`` when the files were written or are current, ``1`` when ``--check`` found
        stale files.
    """
    parser = argparse.ArgumentParser(prog="python -m accelerator.infra.generate")
    parser.add_argument("--check", action="store_true", help="report stale files, write nothing")
    parser.add_argument("--root", type=Path, default=PACKAGE_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files(args.root)
        for path in stale:
            print(f"stale: {path}", file=sys.stderr)
        return 1 if stale else 0
    for path in write_files(args.root):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
