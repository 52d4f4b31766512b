"""The ``python -m reference_impl`` command line.

Each sub-command lives in its own module under :mod:`reference_impl.commands` and exposes
``register(subparsers)``. Heavy libraries (azure-ai-ml, MLflow, scikit-learn) are imported
inside the command handlers, so ``--help`` and the local commands stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Modules under reference_impl.commands, in the order they appear in --help.
COMMAND_MODULES: tuple[str, ...] = (
    "config",
    "contract",
    "train",
    "status",
    "serve",
    "batch_score",
    "monitor",
    "promote",
    "deploy",
    "rollback",
)

# Commands that exist only in a project with that kind of deployment (config/project.yaml).
NEEDS_DEPLOYMENT: dict[str, str] = {"serve": "online", "rollback": "online", "batch_score": "batch"}


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every registered sub-command.

    Returns:
        The top-level parser; each sub-parser sets ``func`` to its handler.
    """
    from reference_impl.single_values import OnceParser

    parser = OnceParser(
        prog="python -m reference_impl",
        description="Azure ML-Ops Accelerator: run the ML lifecycle locally or on Azure ML.",
    )
    from reference_impl.config.deployments import deployments as project_deployments

    deployments = project_deployments()
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        if NEEDS_DEPLOYMENT.get(name, deployments[0]) not in deployments:
            continue
        importlib.import_module(f"reference_impl.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen command.

    Args:
        argv: Arguments without the program name; ``None`` reads ``sys.argv``.

    Returns:
        The command's exit code (``0`` on success).
    """
    from reference_impl.config.deployments import ProjectError
    from reference_impl.exit_codes import ExitCode
    from reference_impl.interrupt import ctrl_c_unwrapped, leave_ctrl_c_to_python
    from reference_impl.workdir import WorkdirError

    try:
        parser = build_parser()
    except ValueError as exc:  # config/project.yaml names what the project lacks
        print(f"error: {exc}", file=sys.stderr)
        return int(ExitCode.USAGE)
    args = parser.parse_args(argv)
    from reference_impl.commands._common import target_problem

    if problem := target_problem(args):  # an option of the other target: refused, not ignored
        print(f"error: {problem}", file=sys.stderr)
        return int(ExitCode.USAGE)
    leave_ctrl_c_to_python()
    try:
        with ctrl_c_unwrapped():
            return int(args.func(args) or 0)
    except WorkdirError as exc:  # busy, or a damaged store: one sentence and its exit code
        print(f"error: {exc}", file=sys.stderr)
        return int(exc.exit_code)
    except ProjectError as exc:  # config/project.yaml breaks a rule, wherever it was first read
        print(f"error: {exc}", file=sys.stderr)
        return int(ExitCode.USAGE)
    except KeyboardInterrupt:  # what a step finished stays; a train run is marked KILLED
        print(f"stopped by Ctrl-C: {args.command} did not finish", file=sys.stderr)
        return int(ExitCode.INTERRUPTED)
