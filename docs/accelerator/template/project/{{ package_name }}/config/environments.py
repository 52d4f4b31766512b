"""Which environments this project has, read from which ``<env>.yaml`` files exist.

A tiny module on purpose: the command line lists ``--env`` choices from it while printing
``--help``, so it imports neither YAML nor pydantic.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_CONFIG_DIR = Path(__file__).resolve().parent
"""The package's own configuration folder: the project's environments and data contract."""

CONFIG_DIR_VARIABLE = "MLOPS_CONFIG_DIR"
"""Environment variable naming another folder to read instead of :data:`PACKAGE_CONFIG_DIR`.

A generated project that trains another task sets it in its tests to the binary sample
configuration (``tests/sample_config/``) the lifecycle tests were written for."""

CONFIG_DIR = Path(os.environ.get(CONFIG_DIR_VARIABLE) or PACKAGE_CONFIG_DIR).resolve()
"""Folder holding one ``<env>.yaml`` file per environment, and the data contract."""

ENVIRONMENTS: tuple[str, ...] = tuple(
    env for env in ("dev", "test", "prod") if (CONFIG_DIR / f"{env}.yaml").exists()
)
"""The environments this project has, in promotion order: a file per environment."""

TRAINING_ENV = "dev"
"""The environment where pipelines train and register models (the start of every promotion)."""
