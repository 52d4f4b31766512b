"""A copy of the package with a configuration file edited, run as the user runs the command line.

For what only an edit of a file the package ships can cause (``config/project.yaml``, an
environment file), a test edits a copy, never the files every other test reads.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path


def edited_copy(root: Path, file: str, edits: Mapping[str, str]) -> Path:
    """Copy the package into ``root`` and edit one of its files line by line.

    In a generated project, whose tests read the sample configuration of ``tests/sample_config/``
    rather than the team's own ``config/``, the copy's ``config/`` holds the sample's files too.

    Args:
        root: The folder to copy into (it becomes the copy's import root).
        file: The file to edit, relative to the package, e.g. ``config/project.yaml``.
        edits: Each line starting with a key is replaced by its value (which may be several
            lines, ending with a newline).

    Returns:
        The copied package's folder.
    """
    import reference_impl
    from reference_impl.config.environments import CONFIG_DIR, PACKAGE_CONFIG_DIR

    package = Path(reference_impl.__file__).parent
    copy = root / package.name
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    if CONFIG_DIR != PACKAGE_CONFIG_DIR:  # the tests read the sample configuration: so does it
        shutil.copytree(CONFIG_DIR, copy / "config", dirs_exist_ok=True)
    edited = copy / file
    lines = edited.read_text(encoding="utf-8").splitlines(keepends=True)
    for start, replacement in edits.items():
        assert any(line.startswith(start) for line in lines), f"{file} has no line {start!r}"
        lines = [replacement if line.startswith(start) else line for line in lines]
    edited.write_text("".join(lines), encoding="utf-8")
    return copy


def run_copy(package: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """``python -m <package> ARGV`` on the copy, from its import root, as a user types it.

    The copy reads its own ``config/`` (which :func:`edited_copy` filled with the configuration
    the tests read), not the folder ``MLOPS_CONFIG_DIR`` names for the tests.
    """
    dropped = {"COVERAGE_PROCESS_START", "MLOPS_CONFIG_DIR"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "-m", package.name, *argv],
        cwd=package.parent, env={**env, "PYTHONPATH": str(package.parent)},
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
