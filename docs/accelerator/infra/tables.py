"""Render the platform code as Markdown for the site, read from the files themselves.

The Infrastructure-as-code and CI/CD pages call these through the ``<!-- render: ... -->``
hook, so the tables and the promotion diagram cannot drift from the templates and data.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from accelerator.guidance.markdown import markdown_table
from accelerator.guidance.promotion import promotion_path
from accelerator.guidance.rbac import ENVIRONMENTS
from accelerator.guidance.roles import role
from accelerator.infra.generate import PACKAGE_DIR, gates_document

INFRA_DIR = PACKAGE_DIR / "infra"
WORKFLOWS_DIR = PACKAGE_DIR / "cicd" / "github" / "workflows"
SKIP = re.compile(r"(?://|#)\s*checkov:skip=(?P<id>CKV2?_[A-Z]+_\d+)(?::(?P<reason>.*))?$")


@dataclass(frozen=True)
class Suppression:
    """One inline ``checkov:skip`` comment in an infrastructure file.

    Attributes:
        path: The Bicep or Terraform file.
        line: 1-based line number of the comment.
        check_id: The suppressed checkov check, e.g. ``CKV_AZURE_166``.
        reason: The justification written after the check id.
    """

    path: Path
    line: int
    check_id: str
    reason: str


def suppressions(*folders: Path) -> list[Suppression]:
    """Find every inline checkov suppression in the Bicep and Terraform files under ``folders``.

    Args:
        folders: Folders to search; the whole ``infra`` tree when none is given.

    Returns:
        Suppressions in file and line order.
    """
    found = []
    for folder in folders or (INFRA_DIR,):
        for path in sorted([*folder.rglob("*.bicep"), *folder.rglob("*.tf")]):
            lines = path.read_text(encoding="utf-8").splitlines()
            for number, line in enumerate(lines, start=1):
                if m := SKIP.search(line.strip()):
                    reason = (m["reason"] or "").strip()
                    found.append(Suppression(path, number, m["id"], reason))
    return found


def suppressions_table() -> str:
    """Render the checkov suppressions of both trees with their reasons.

    Returns:
        One row per suppression: file, check, reason.
    """
    return markdown_table(
        ["File", "Check", "Why it is suppressed"],
        [
            (f"`{s.path.relative_to(INFRA_DIR).as_posix()}`", f"`{s.check_id}`", s.reason)
            for s in suppressions()
        ],
    )


def _parameters(env: str) -> dict[str, Any]:
    path = INFRA_DIR / "bicep" / f"main.{env}.parameters.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: entry["value"] for name, entry in data["parameters"].items()}


def environment_settings_table() -> str:
    """Compare what the parameter files set per environment.

    Returns:
        One row per setting, one column per environment.
    """
    params = [_parameters(env) for env in ENVIRONMENTS]

    def trusted(p: dict[str, Any]) -> str:
        subjects = [c["subject"].rsplit(":", 1)[-1] for c in p.get("federatedCredentials", [])]
        return ", ".join(f"`{s}`" for s in subjects) or "—"

    rows = [
        ("Resource group", *(f"`{p['resourceGroupName']}`" for p in params)),
        ("Workspace", *(f"`{p['workspaceName']}`" for p in params)),
        (
            "Compute cluster",
            *(f"`{p['computeSize']}`, 0–{p['computeMaxInstances']}" for p in params),
        ),
        (
            "Network",
            *(
                "no public endpoint; private endpoints; approved outbound only"
                if p["isolated"]
                else "public workspace, storage behind its firewall; internet outbound"
                for p in params
            ),
        ),
        ("Log retention (days)", *(str(p["logRetentionDays"]) for p in params)),
        ("Monthly budget", *(str(p["budgetAmount"]) for p in params)),
        ("GitHub environments trusted", *(trusted(p) for p in params)),
    ]
    return markdown_table(["Setting", *ENVIRONMENTS], rows)


def _approvers(roles: list[str]) -> str:
    return ", ".join(role(r).name for r in roles) or "nobody (automatic)"


def gates_table() -> str:
    """Render the deployment gates: who approves each environment, and which identity it uses.

    Returns:
        One row per GitHub environment.
    """
    return markdown_table(
        ["GitHub environment", "Approved by", "Signs in as", "Azure DevOps environment"],
        [
            (
                f"`{name}`",
                _approvers(gate["approvers"]),
                f"`{gate['azure_environment']}` identity",
                f"`{gate['ado_environment']}`" if gate["ado_environment"] else "—",
            )
            for name, gate in gates_document()["environments"].items()
        ],
    )


def _triggers(on: Any) -> str:
    parts = []
    for event, spec in (on or {}).items():
        spec = spec or {}
        if event == "schedule":
            parts.append("schedule " + ", ".join(f"`{s['cron']}`" for s in spec))
            continue
        branches = spec.get("branches") if isinstance(spec, dict) else None
        text = event.replace("_", " ")
        if branches:
            text += " → " + ", ".join(f"`{b}`" for b in branches)
        if isinstance(spec, dict) and spec.get("paths"):
            text += " (infra files only)"
        parts.append(text)
    return "; ".join(parts)


def _environments(on: Any, jobs: dict[str, Any]) -> list[str]:
    """GitHub environments of the jobs, with ``${{ inputs.x }}``/``${{ matrix.x }}`` expanded."""
    dispatch = (on or {}).get("workflow_dispatch") or {}
    choices = {k: v.get("options", []) for k, v in dispatch.get("inputs", {}).items()}
    names = set()
    for job in jobs.values():
        choices.update(job.get("strategy", {}).get("matrix", {}))
        value = str(job.get("environment") or "")
        m = re.search(r"\$\{\{ (?:inputs|matrix)\.(\w+) \}\}", value)
        names |= {value.replace(m[0], o) for o in choices[m[1]]} if m else {value} - {""}
    order = ("shared", *ENVIRONMENTS)

    def key(name: str) -> tuple[int, str]:
        base = name.removeprefix("infra-").split("-")[0]
        return (order.index(base) if base in order else len(order), name)

    return sorted(names, key=key)


def workflows_table() -> str:
    """Render the GitHub workflow templates: what starts them and where they sign in.

    Returns:
        One row per workflow file.
    """
    rows = []
    for path in sorted(WORKFLOWS_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        on = data.get(True, data.get("on"))
        environments = _environments(on, data["jobs"])
        signs_in = any(
            (job.get("permissions") or {}).get("id-token") == "write"
            for job in data["jobs"].values()
        )
        rows.append(
            (
                f"`{path.name}`",
                _triggers(on),
                ", ".join(f"`{e}`" for e in environments) or "—",
                "OIDC" if signs_in else "no",
            )
        )
    return markdown_table(["Workflow", "Starts on", "GitHub environment", "Azure sign-in"], rows)


def promotion_mermaid() -> str:
    """Draw the promotion path with the approver of each step, from the promotion data.

    Returns:
        A Mermaid flowchart inside a ``mermaid`` fence.
    """
    lines = [
        "```mermaid",
        "flowchart LR",
        "  accTitle: The promotion path from main to prod, with who approves each step",
        '  main["main branch"]',
    ]
    previous = "main"
    for stage in promotion_path():
        who = f"approved by {role(stage.approver).name}" if stage.approver else "automatic"
        workflow = "train-in-dev" if stage.environment == "dev" else "promote"
        lines.append(f'  {stage.environment}["{stage.environment} workspace"]')
        lines.append(f'  {previous} -->|"{workflow}: {who}"| {stage.environment}')
        previous = stage.environment
    lines.append('  prod -.->|"monitor: drift, exit 3"| retrain["train-in-dev"]')
    lines.append("```")
    return "\n".join(lines)
