"""``config``: show the resolved configuration of an environment."""

from __future__ import annotations

import argparse
import json
import sys

from reference_impl.arguments import given_path
from reference_impl.commands._common import add_override_argument
from reference_impl.config.environments import CONFIG_DIR, ENVIRONMENTS
from reference_impl.exit_codes import STOPPED, ExitCode, exit_codes_sentence

EXITS: dict[ExitCode, str] = {
    ExitCode.OK: "the configuration is valid (printed as JSON)",
    ExitCode.USAGE: "bad arguments, a configuration file that is missing or invalid, or a --set "
    "it refuses",
    **STOPPED,
}
"""What each exit code of ``config`` means; its ``--help`` and the site list them."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``config`` sub-command.

    Args:
        subparsers: The parent parser's sub-parser collection.
    """
    parser = subparsers.add_parser(
        "config",
        help="show an environment's validated configuration",
        description=exit_codes_sentence(EXITS),
    )
    parser.add_argument("--env", choices=ENVIRONMENTS, default="dev", help="environment name")
    parser.add_argument(
        "--config-dir", type=given_path, default=CONFIG_DIR, help="folder of <env>.yaml files"
    )
    add_override_argument(parser)  # preview what another command's --set would run with
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the environment's configuration as JSON.

    Args:
        args: Parsed arguments with ``env``, ``config_dir`` and ``overrides`` (``--set``).

    Returns:
        ``0`` when the file and the overrides are valid, ``2`` with a message on stderr
        otherwise.
    """
    from reference_impl.config import ConfigError, apply_overrides, load_config

    try:
        config = apply_overrides(load_config(args.env, config_dir=args.config_dir), args.overrides)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    print(json.dumps(config.model_dump(), indent=2))
    return ExitCode.OK
