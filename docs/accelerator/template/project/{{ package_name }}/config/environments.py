"""Which environments this project has, read from which ``<env>.yaml`` files exist.

A tiny module on purpose: the command line lists ``--env`` choices from it while printing
``--help``, so it imports neither YAML nor pydantic.
"""

from __future__ import annotations

from pathlib import Path

CONFIG_DIR = Path(__file__).resolve().parent
"""Folder holding one ``<env>.yaml`` file per environment."""

ENVIRONMENTS: tuple[str, ...] = tuple(
    env for env in ("dev", "test", "prod") if (CONFIG_DIR / f"{env}.yaml").exists()
)
"""The environments this project has, in promotion order: a file per environment."""

TRAINING_ENV = "dev"
"""The environment where pipelines train and register models (the start of every promotion)."""
