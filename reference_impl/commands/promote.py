"""``promote``: carry one model version to the next environment through the Azure ML registry."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from reference_impl.commands._azureml import dry_run_folder, guarded
from reference_impl.commands._common import model_name_problem, needs_config
from reference_impl.config.environments import ENVIRONMENTS
from reference_impl.exit_codes import STOPPED, ExitCode, exit_codes_sentence

if TYPE_CHECKING:
    from reference_impl.config import EnvironmentConfig

COMMAND = "promote"


EXITS: dict[ExitCode, str] = {
    ExitCode.OK: "promoted",
    ExitCode.AZURE_REFUSED: "Azure ML refused an operation or there is no Azure sign-in",
    ExitCode.USAGE: "bad arguments, a skipped environment or a version that is not an explicit "
    "number",
    ExitCode.GATE_REFUSED: "the gate rejected the version, or it lacks gate evidence or lineage "
    "tags (nothing copied)",
    **STOPPED,
}
"""What each exit code of ``promote`` means; its ``--help`` and the site list them."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``promote`` sub-command.

    Args:
        subparsers: The parent parser's sub-parser collection.
    """
    parser = subparsers.add_parser(
        "promote",
        help="copy a model version into the shared registry and record its lineage",
        description="dev -> test copies the exact version from the dev workspace into the "
        "registry; test -> prod checks that the version went through test. Both record who "
        "promoted, when, and where the version came from. "
        f"{exit_codes_sentence(EXITS)}",
    )
    parser.add_argument("--model", required=True, help="registered model name")
    parser.add_argument("--version", required=True, help="explicit model version, e.g. 3")
    parser.add_argument("--from", dest="source", choices=ENVIRONMENTS, required=True)
    parser.add_argument("--to", dest="target", choices=ENVIRONMENTS, required=True)
    parser.add_argument(
        "--dry-run", action="store_true", help="print the plan (and write model.yml to --out)"
    )
    parser.add_argument("--out", help="folder for model.yml in a dry run")
    parser.set_defaults(func=run)


@needs_config("source", "target")
def run(args: argparse.Namespace, source: EnvironmentConfig, target: EnvironmentConfig) -> int:
    """Promote, or print the plan.

    Args:
        args: Parsed arguments.
        source: The environment the version comes from.
        target: The environment it goes to.

    Returns:
        An exit code (see the command's description).
    """
    problem = model_name_problem(args.model)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return ExitCode.USAGE
    return guarded(lambda: _promote(source, target, args))


def _promote(source: EnvironmentConfig, target: EnvironmentConfig, args: argparse.Namespace) -> int:
    from pathlib import Path

    from reference_impl.azureml import client
    from reference_impl.azureml.promotion import promote, promotion_plan, source_model
    from reference_impl.azureml.yaml_files import write_entity

    plan = promotion_plan(source, target, args.model, args.version)
    out = None
    if args.dry_run and args.out:  # a folder that cannot be had is refused before any plan
        args.out = Path(args.out)
        out = dry_run_folder(args)
        if out is None:
            return ExitCode.USAGE
    print(f"promote {plan.model_name}:{plan.version} from {source.name} to {target.name}:")
    for number, step in enumerate(plan.steps, start=1):
        print(f"  {number}. {step}")
    if args.dry_run:
        if out is not None:
            path = write_entity(out / "model.yml", source_model(plan), command=COMMAND)
            print(f"wrote {path}")
        return ExitCode.OK
    workspace = client.workspace_client(source) if plan.copy else None
    model = promote(workspace, client.registry_client(target), plan)
    print(
        f"{plan.registry_uri} tags: {', '.join(f'{k}={v}' for k, v in sorted(model.tags.items()))}"
    )
    print(
        f"next: python -m reference_impl deploy --target azureml --env {target.name} "
        f"--model {plan.model_name} --version {plan.version}"
    )
    return ExitCode.OK
