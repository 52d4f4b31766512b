"""``status``: the state of an Azure ML training job and of each of its steps."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from reference_impl.arguments import given_value
from reference_impl.commands._azureml import guarded
from reference_impl.commands._common import needs_config
from reference_impl.config.environments import ENVIRONMENTS
from reference_impl.exit_codes import STOPPED, ExitCode, exit_codes_sentence

if TYPE_CHECKING:
    from reference_impl.config import EnvironmentConfig


EXITS: dict[ExitCode, str] = {
    ExitCode.OK: "found",
    ExitCode.AZURE_REFUSED: "Azure ML refused the request or there is no Azure sign-in",
    ExitCode.USAGE: "bad arguments or configuration",
    **STOPPED,
}
"""What each exit code of ``status`` means; its ``--help`` and the site list them."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``status`` sub-command.

    Args:
        subparsers: The parent parser's sub-parser collection.
    """
    parser = subparsers.add_parser(
        "status",
        help="show an Azure ML job's status and its steps",
        description="Print the status of a job submitted with train --target azureml. "
        f"{exit_codes_sentence(EXITS)}",
    )
    parser.add_argument("--env", choices=ENVIRONMENTS, default="dev", help="environment name")
    parser.add_argument("--job", type=given_value, required=True, help="job name printed by train")
    parser.set_defaults(func=run)


@needs_config()
def run(args: argparse.Namespace, config: EnvironmentConfig) -> int:
    """Print the job's status.

    Args:
        args: Parsed arguments.
        config: The environment's configuration.

    Returns:
        An exit code (see the command's description).
    """

    def show() -> int:
        from reference_impl.azureml import client
        from reference_impl.azureml.training import job_summary

        print("\n".join(job_summary(client.workspace_client(config), args.job)))
        return ExitCode.OK

    return guarded(show)
