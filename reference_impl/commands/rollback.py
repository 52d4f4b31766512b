"""``rollback``: send online traffic back to the previous colour and remove the current one."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from reference_impl.arguments import given_value
from reference_impl.commands._azureml import guarded
from reference_impl.commands._common import needs_config
from reference_impl.config.environments import ENVIRONMENTS
from reference_impl.exit_codes import STOPPED, ExitCode, exit_codes_sentence

if TYPE_CHECKING:
    from reference_impl.config import EnvironmentConfig


EXITS: dict[ExitCode, str] = {
    ExitCode.OK: "rolled back",
    ExitCode.AZURE_REFUSED: "Azure ML refused an operation, there is no Azure sign-in, or there "
    "is no previous colour",
    ExitCode.USAGE: "bad arguments or configuration",
    **STOPPED,
}
"""What each exit code of ``rollback`` means; its ``--help`` and the site list them."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``rollback`` sub-command.

    Args:
        subparsers: The parent parser's sub-parser collection.
    """
    parser = subparsers.add_parser(
        "rollback",
        help="put the previous online deployment back in service",
        description="All traffic to the other colour, then delete the colour that served. "
        f"{exit_codes_sentence(EXITS)}",
    )
    parser.add_argument("--env", choices=ENVIRONMENTS, required=True, help="environment name")
    parser.add_argument(
        "--model",
        type=given_value,
        default=None,
        help="registered model name (default: from config)",
    )
    parser.set_defaults(func=run)


@needs_config()
def run(args: argparse.Namespace, config: EnvironmentConfig) -> int:
    """Roll back the endpoint of ``--model`` in ``--env``.

    Args:
        args: Parsed arguments.
        config: The environment's configuration.

    Returns:
        An exit code (see the command's description).
    """

    def roll_back() -> int:
        from reference_impl.azureml import client
        from reference_impl.azureml.names import online_endpoint
        from reference_impl.azureml.online import RollbackError, rollback

        name = online_endpoint(args.model or config.registry.model_name, config)
        try:
            rollback(client.workspace_client(config), name)
        except RollbackError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return ExitCode.AZURE_REFUSED
        return ExitCode.OK

    return guarded(roll_back)
