"""``deploy``: release one model version to the project's endpoints.

Which endpoints a project has is ``deployments`` in ``config/project.yaml``: an online endpoint
(blue/green, smoke-tested, with rollback), a batch endpoint, or both.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reference_impl.arguments import vm_size
from reference_impl.commands._azureml import (
    add_code_argument,
    add_dry_run_arguments,
    code_snapshot,
    dry_run_folder,
    guarded,
    print_files,
)
from reference_impl.commands._common import model_name_problem, needs_config
from reference_impl.config.deployments import deployments
from reference_impl.config.environments import ENVIRONMENTS
from reference_impl.exit_codes import STOPPED, ExitCode, exit_codes_sentence

if TYPE_CHECKING:
    from azure.ai.ml.entities import Model

    from reference_impl.config import EnvironmentConfig
    from reference_impl.contract import DataContract

COMMAND = "deploy --target azureml"
DEPLOYMENTS = deployments()


EXITS: dict[ExitCode, str] = {
    ExitCode.OK: "released",
    ExitCode.AZURE_REFUSED: "Azure ML refused an operation, there is no Azure sign-in, or the "
    "release was rolled back",
    ExitCode.USAGE: "bad arguments (e.g. a version that is not an explicit number), or a "
    "data.contract other than the one the version was trained with",
    ExitCode.GATE_REFUSED: "the gate rejected the version or it lacks gate evidence or lineage "
    "tags (checked before traffic moves)",
    **STOPPED,
}
"""What each exit code of ``deploy`` means; its ``--help`` and the site list them."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``deploy`` sub-command.

    Args:
        subparsers: The parent parser's sub-parser collection.
    """
    parser = subparsers.add_parser(
        "deploy",
        help=f"release a model version to the Azure ML {' and '.join(DEPLOYMENTS)} endpoints",
        description="Online (if the project has it): blue/green release, the new version goes to "
        "the idle colour, is smoke-tested, then takes 10, 50 and 100 % of the traffic with a "
        "smoke test after each step; any failure rolls back. Batch (if the project has it): the "
        "batch deployment is updated to the same version. "
        f"{exit_codes_sentence(EXITS)}",
    )
    parser.add_argument("--target", choices=("azureml",), default="azureml", help="where to deploy")
    parser.add_argument("--env", choices=ENVIRONMENTS, required=True, help="environment name")
    parser.add_argument("--model", required=True, help="registered model name")
    parser.add_argument("--version", required=True, help="explicit model version, e.g. 3")
    parser.add_argument("--instance-type", type=vm_size, help="VM size of the online deployment")
    parser.add_argument(
        "--check-gate",
        action="store_true",
        help="only check that the gate approved the version, its lineage tags are complete and "
        "it was trained with data.contract",
    )
    add_dry_run_arguments(parser, "the endpoints and deployments")
    add_code_argument(parser)
    parser.set_defaults(func=run)


def _name_problem(config: EnvironmentConfig, model: str) -> str | None:
    """Why ``model`` cannot be released in ``config``'s environment (its endpoints' names)."""
    from reference_impl.azureml.names import batch_endpoint, online_endpoint

    problem = model_name_problem(model)
    if problem:
        return problem
    endpoint_name = {"online": online_endpoint, "batch": batch_endpoint}
    try:
        for kind in DEPLOYMENTS:
            endpoint_name[kind](model, config)
    except ValueError as exc:
        return str(exc)
    return None


@needs_config()
def run(args: argparse.Namespace, config: EnvironmentConfig) -> int:
    """Release, or write the entities of a release.

    Args:
        args: Parsed arguments.
        config: The environment's configuration.

    Returns:
        An exit code (see the command's description).
    """
    problem = _name_problem(config, args.model)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return ExitCode.USAGE
    if args.dry_run:
        out = dry_run_folder(args)
        if out is None:
            return ExitCode.USAGE
        return guarded(lambda: _dry_run(config, args, out))
    if args.check_gate:
        return guarded(lambda: _check_gate(config, args))
    return guarded(lambda: _release(config, args))


def _contract_problem(
    config: EnvironmentConfig, args: argparse.Namespace, model: Model, contract: DataContract | None
) -> str | None:
    """Why the smoke rows built from ``contract`` do not fit the version (its contract tag)."""
    from reference_impl.contract_tag import contract_mismatch

    if contract is None:  # no online deployment: the batch driver reads the model's own
        return None
    where = f"{args.model}:{args.version}"
    return contract_mismatch(where, model.tags, contract, config.data.contract)


def _check_gate(config: EnvironmentConfig, args: argparse.Namespace) -> int:
    from reference_impl.azureml.gate_check import verify_deployable

    contract = _smoke_contract(config)
    model = verify_deployable(config, args.model, args.version)
    if problem := _contract_problem(config, args, model, contract):
        print(f"error: {problem}", file=sys.stderr)
        return ExitCode.USAGE
    lineage = ", ".join(f"{k}={v}" for k, v in sorted((model.tags or {}).items()))
    print(f"{args.model}:{args.version} may be deployed to {config.name}: {lineage}")
    return ExitCode.OK


def _entities(config: EnvironmentConfig, args: argparse.Namespace, code: str | Path) -> dict:
    """The Azure ML entities of a release: the environment and each of the project's endpoints."""
    from reference_impl.azureml.environment import (
        environment_reference,
        runtime_environment,
    )
    from reference_impl.azureml.models import model_reference

    model = model_reference(config, args.model, args.version)
    environment = runtime_environment()
    ref = environment_reference(environment)
    common = {"model_name": args.model, "model": model, "code": code, "environment": ref}
    entities: dict = {"environment": environment}
    if "online" in DEPLOYMENTS:
        from reference_impl.azureml.online import (
            INSTANCE_TYPE,
            online_deployment,
            online_endpoint_entity,
        )

        entities["online_endpoint"] = online_endpoint_entity(config, args.model)
        entities["online_deployment"] = online_deployment(
            config, colour="blue", instance_type=args.instance_type or INSTANCE_TYPE, **common
        )
    if "batch" in DEPLOYMENTS:
        from reference_impl.azureml.batch import batch_deployment, batch_endpoint_entity

        entities["batch_endpoint"] = batch_endpoint_entity(config, args.model)
        entities["batch_deployment"] = batch_deployment(config, **common)
    return entities


def _smoke_contract(config: EnvironmentConfig) -> DataContract | None:
    """The contract an online release's smoke rows are built from (``None`` without one)."""
    from reference_impl.contract import load_contract

    return load_contract(config.data.contract) if "online" in DEPLOYMENTS else None


def _dry_run(config: EnvironmentConfig, args: argparse.Namespace, out: Path) -> int:
    from reference_impl.azureml.yaml_files import write_entity, write_yaml

    contract = _smoke_contract(config)  # before anything is written
    with code_snapshot(args.code, out) as code:
        entities = _entities(config, args, code)
        files = [
            write_entity(out / f"{name}.yml", entities[name], command=COMMAND)
            for name in ("environment", "online_endpoint", "online_deployment", "batch_endpoint")
            if name in entities
        ]
        if "batch_deployment" in entities:
            from reference_impl.azureml.yaml_files import batch_deployment_dict

            batch = batch_deployment_dict(entities["batch_deployment"])
            files.append(write_yaml(out / "batch_deployment.yml", batch, command=COMMAND))
    if "online_deployment" in entities:
        from reference_impl.azureml.online import TRAFFIC_STEPS
        from reference_impl.scoring.smoke_request import ROWS, write_smoke_request

        deployment = entities["online_deployment"]
        print(f"release of {deployment.model} to {deployment.endpoint_name} ({config.name}):")
        print("  1. deploy to the idle colour (blue on a first release) with 0 % traffic")
        assert contract is not None  # read above for a project with an online deployment
        sample = write_smoke_request(out, contract)
        files.append(sample)
        print(f"  2. smoke test that deployment with {sample.name} ({ROWS} rows built from the")
        print(f"     contract {config.data.contract}: each range's minimum, middle and maximum)")
        if contract.nullable_names:
            print("     and a row with the nullable features empty")
        steps = " -> ".join(f"{s} %" for s in TRAFFIC_STEPS)
        print(f"  3. shift traffic {steps}, smoke test after each")
        print("  4. on any failure: all traffic back to the previous colour, delete the new one")
    if "batch_deployment" in entities:
        endpoint = entities["batch_endpoint"].name
        print(f"batch endpoint {endpoint} ({config.name}): its default deployment scores with")
        print(f"  {args.model}:{args.version}")
    print_files(files, out)
    return ExitCode.OK


# --8<-- [start:release-command]
def _release(config: EnvironmentConfig, args: argparse.Namespace) -> int:
    from reference_impl.azureml import client
    from reference_impl.azureml.gate_check import verify_deployable

    contract = _smoke_contract(config)  # before anything is sent
    model = verify_deployable(config, args.model, args.version)  # before any traffic moves
    if problem := _contract_problem(config, args, model, contract):  # nor anything is created
        print(f"error: {problem}", file=sys.stderr)
        return ExitCode.USAGE
    ml_client = client.workspace_client(config)
    with code_snapshot(args.code) as code:
        entities = _entities(config, args, code)
        ml_client.environments.create_or_update(entities["environment"])
        if "online_deployment" in entities:
            from reference_impl.azureml.online import release

            assert contract is not None  # read above for a project with an online deployment
            online, deployment = entities["online_endpoint"], entities["online_deployment"]
            rollout = release(ml_client, online, deployment, contract)
            if not rollout.ok:
                print(f"error: release rolled back: {rollout.problem}", file=sys.stderr)
                return ExitCode.AZURE_REFUSED
            print(f"{rollout.endpoint}: {rollout.colour} serves {args.model}:{args.version}")
        if "batch_deployment" in entities:
            from reference_impl.azureml.batch import deploy_batch

            batch = entities["batch_endpoint"]
            deploy_batch(ml_client, batch, entities["batch_deployment"])
            print(f"batch endpoint {batch.name} scores with {args.model}:{args.version}")
    return ExitCode.OK
    # --8<-- [end:release-command]
