"""The ``python -m accelerator`` command line: the accelerator's own commands.

The reference project's lifecycle commands (train, serve, …) are ``python -m reference_impl``;
these two belong to the accelerator and never reach a generated project.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence

COMMAND_MODULES: tuple[str, ...] = ("assess", "new_project")


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every accelerator sub-command.

    Returns:
        The top-level parser; each sub-parser sets ``func`` to its handler.
    """
    from reference_impl.single_values import OnceParser

    parser = OnceParser(
        prog="python -m accelerator",
        description="Azure ML-Ops Accelerator tools: self-assessment and new projects.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"accelerator.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen command.

    Args:
        argv: Arguments without the program name; ``None`` reads ``sys.argv``.

    Returns:
        The command's exit code (``0`` on success).
    """
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)
