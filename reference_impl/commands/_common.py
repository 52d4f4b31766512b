"""Shared pieces of the commands: common arguments and loading the configuration."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reference_impl.config import (
    ENVIRONMENTS,
    ConfigError,
    EnvironmentConfig,
    apply_overrides,
    load_config,
)


def add_workdir_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--workdir`` (required) and ``--env``.

    Args:
        parser: A sub-command parser.
    """
    parser.add_argument("--workdir", type=Path, required=True, help="local working directory")
    parser.add_argument("--env", choices=ENVIRONMENTS, default="dev", help="environment name")


def load_or_report(env: str, overrides: list[str] | None = None) -> EnvironmentConfig | None:
    """Load an environment's configuration, printing the error instead of raising.

    Args:
        env: Environment name.
        overrides: ``section.key=value`` items applied on top of the file.

    Returns:
        The configuration, or ``None`` after printing why it is invalid.
    """
    try:
        return apply_overrides(load_config(env), overrides or [])
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
