"""The code snapshot Azure ML uploads for the steps and the scoring scripts.

Azure ML copies a component's ``code`` folder into the job's working directory, and every
step runs as ``python -m reference_impl.steps.<name>``. So the snapshot is a folder that
*contains* the ``reference_impl`` package: a copy of the package without what jobs never
run (infrastructure templates, CI/CD files, guidance, the Azure control plane itself and
caches). Copying to a clean folder, instead of pointing at the repository root with an
``.amlignore``, keeps the snapshot independent of where the package lives and spares the
SDK a walk through ``.venv``. Azure ML hashes the files, so an unchanged snapshot reuses
the code asset it uploaded before. The configuration files are those this process read
(:data:`~reference_impl.config.environments.CONFIG_DIR`), so a job never runs with other ones.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import reference_impl
from reference_impl.config.deployments import SCORING_CODE
from reference_impl.config.environments import CONFIG_DIR, PACKAGE_CONFIG_DIR

PACKAGE_DIR = Path(reference_impl.__file__).resolve().parent
"""The ``reference_impl`` package folder."""

# --8<-- [start:excluded]
EXCLUDED = (
    "__pycache__",
    "*.pyc",
    ".DS_Store",
    "infra",  # Bicep and Terraform: deployed by the infrastructure pipeline
    "cicd",  # workflow templates: run by GitHub Actions or Azure DevOps
    "guidance",  # the site's people-and-process content
    "azureml",  # builds Azure ML entities; runs on the submitting machine only
)
"""Names left out of the snapshot (``shutil.ignore_patterns`` patterns)."""
# --8<-- [end:excluded]

SCORE_SCRIPT = f"{PACKAGE_DIR.name}/{SCORING_CODE['online']}"
"""Online scoring script, relative to the snapshot root."""

BATCH_DRIVER = f"{PACKAGE_DIR.name}/{SCORING_CODE['batch']}"
"""Batch scoring driver, relative to the snapshot root."""


def stage_snapshot(destination: Path) -> Path:
    """Copy the package into ``destination/<package>`` (replacing an earlier copy).

    Args:
        destination: Folder that becomes the components' ``code``.

    Returns:
        ``destination``, resolved.
    """
    destination = Path(destination).resolve()
    target = destination / PACKAGE_DIR.name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(PACKAGE_DIR, target, ignore=shutil.ignore_patterns(*EXCLUDED))
    if CONFIG_DIR != PACKAGE_CONFIG_DIR:  # the job runs with the configuration read here
        for path in CONFIG_DIR.glob("*.yaml"):
            shutil.copy2(path, target / "config" / path.name)
    return destination
