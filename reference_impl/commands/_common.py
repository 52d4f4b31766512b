"""Shared pieces of the commands: common arguments, loading the configuration, model names."""

from __future__ import annotations

import argparse
import functools
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reference_impl.arguments import given_path
from reference_impl.config.environments import ENVIRONMENTS
from reference_impl.exit_codes import ExitCode
from reference_impl.workdir import DEFAULT_WORKDIR

if TYPE_CHECKING:
    from reference_impl.config import EnvironmentConfig

Handler = Callable[[argparse.Namespace], int]
"""A sub-command handler: parsed arguments in, exit code out."""


def add_workdir_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--workdir`` (default ``.mlops``) and ``--env``.

    Args:
        parser: A sub-command parser.
    """
    parser.add_argument(
        "--workdir",
        type=given_path,
        default=DEFAULT_WORKDIR,
        help=f"local working directory (default: {DEFAULT_WORKDIR})",
    )
    parser.add_argument("--env", choices=ENVIRONMENTS, default="dev", help="environment name")


def for_target(parser: argparse.ArgumentParser, target: str, *options: str) -> None:
    """Record that ``options`` of ``parser`` mean something with ``--target target`` only.

    The command then refuses them on the other target (:func:`target_problem`) instead of
    ignoring them: ``train --dry-run`` without ``--target azureml`` would train and register a
    model where the user asked for a preview, ``monitor --model other`` would report on the
    configured model.

    Args:
        parser: A sub-command parser that has ``--target`` and ``options``.
        target: The target the options belong to.
        *options: Option strings as typed, e.g. ``"--dry-run"``.
    """
    known = dict(parser.get_default("target_only") or {})
    for option in options:
        action = parser._option_string_actions[option]
        known[option] = (target, action.dest, action.default)
    parser.set_defaults(target_only=known)


def target_problem(args: argparse.Namespace) -> str | None:
    """The first option given that belongs to another target than ``args.target``.

    Args:
        args: Parsed arguments of any command (those without ``--target`` have no problem).

    Returns:
        One sentence naming the option, or ``None``.
    """
    for option, (target, dest, default) in getattr(args, "target_only", {}).items():
        if args.target != target and getattr(args, dest) != default:
            return (
                f"{option} applies to --target {target} only: add --target {target}, or leave "
                f"{option} out (nothing was run)"
            )
    return None


def add_override_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--set SECTION.KEY=VALUE`` (repeatable): a configuration value for this run only.

    Args:
        parser: A sub-command parser whose handler is decorated with :func:`needs_config`.
    """
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="SECTION.KEY=VALUE",
        help="override a configuration value, e.g. model.params.max_iter=50 or "
        "registry.model_name=NAME (repeatable)",
    )


def load_or_report(env: str, overrides: list[str] | None = None) -> EnvironmentConfig | None:
    """Load an environment's configuration, printing the error instead of raising.

    Args:
        env: Environment name.
        overrides: ``section.key=value`` items applied on top of the file.

    Returns:
        The configuration, or ``None`` after printing why it is invalid.
    """
    from reference_impl.config import ConfigError, apply_overrides, load_config

    try:
        return apply_overrides(load_config(env), overrides or [])
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


# --8<-- [start:needs-config]
def needs_config(
    *attributes: str, also: Sequence[str] = ()
) -> Callable[[Callable[..., int]], Handler]:
    """Decorate a handler that needs configurations: load them, or exit 2 with the reason.

    The handler is called as ``run(args, config, ...)``, one configuration per environment
    named by ``attributes`` (argument names, default ``env``) then per name in ``also``.
    ``--set`` items (``args.overrides``) apply to the first one.

    Args:
        attributes: Names of the parsed arguments that hold environment names.
        also: Environment names that are fixed, e.g. the training environment.

    Returns:
        A decorator turning ``run(args, *configs)`` into ``run(args)``.
    """
    names = attributes or ("env",)

    def decorate(run: Callable[..., int]) -> Handler:
        @functools.wraps(run)
        def handler(args: argparse.Namespace) -> int:
            envs = [getattr(args, name) for name in names] + list(also)
            configs = [
                load_or_report(env, getattr(args, "overrides", None) if i == 0 else None)
                for i, env in enumerate(envs)
            ]
            if any(config is None for config in configs):
                return ExitCode.USAGE
            from reference_impl.contract import ContractError

            try:
                return run(args, *configs)
            except ContractError as exc:  # data.contract names a missing or invalid file
                print(f"error: {exc}", file=sys.stderr)
                return ExitCode.USAGE

        return handler

    return decorate
    # --8<-- [end:needs-config]


_MODEL_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,254}")


def model_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a registered model name, or ``None`` when it can.

    Azure ML asset names are letters, digits, ``-``, ``_`` and ``.``, starting with a
    letter or digit, at most 255 characters: no ``/``, no ``..``, so a name can never walk
    out of ``models/<name>/versions/<version>``.

    Args:
        name: What was passed as ``--model``.

    Returns:
        One sentence, or ``None``.
    """
    if _MODEL_NAME.fullmatch(name) and ".." not in name:
        return None
    shown = ascii(name if len(name) <= 40 else name[:40] + "...")
    return (
        f"model name {shown} is not a registered model name: use letters, digits, '-', '_' "
        "or '.', starting with a letter or digit (at most 255, no '/' or '..')"
    )


def unwritable(option: str, path: Path, problem: str | OSError) -> int:
    """Say in one sentence that ``path``, given as ``option``, cannot be written.

    Args:
        option: The argument that named the path (``--output``).
        path: The path as given.
        problem: Why, from :func:`~reference_impl.whole_file.output_problem`, or the OS
            error a write raised (its reason is shown, not its repr).

    Returns:
        :attr:`~reference_impl.exit_codes.ExitCode.USAGE`.
    """
    if isinstance(problem, OSError):
        problem = problem.strerror or str(problem)
    print(f"error: cannot write {option} {path}: {problem}", file=sys.stderr)
    return ExitCode.USAGE
