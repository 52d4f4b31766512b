"""``train --target azureml``: build, validate and submit the pipeline (or write it)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reference_impl.commands._azureml import (
    add_code_argument,
    add_dry_run_arguments,
    code_snapshot,
    dry_run_folder,
    guarded,
    print_files,
)
from reference_impl.commands._common import for_target, needs_config
from reference_impl.exit_codes import ExitCode
from reference_impl.paths import real_path

if TYPE_CHECKING:
    from reference_impl.commands._training_data import TrainingData
    from reference_impl.config import EnvironmentConfig

JOB_ENVIRONMENTS = "job-environments"
"""The emulation's virtual environments of the job's pins, one per set of pins."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the Azure ML options of ``train``.

    Args:
        parser: The ``train`` parser.
    """
    add_dry_run_arguments(parser, "the pipeline job, its components, environment and cluster")
    parser.add_argument(
        "--wait", action="store_true", help="stream the job's logs until it ends (target azureml)"
    )
    parser.add_argument(
        "--emulate",
        action="store_true",
        help="target azureml: run every component of the pipeline job here, with its command "
        "line as Azure ML renders it, in a virtual environment of the job environment's pins, "
        "logging to a stand-in of the workspace's MLflow tracking under --workdir",
    )
    add_code_argument(parser)
    for_target(parser, "azureml", "--dry-run", "--out", "--wait", "--emulate", "--code")


@needs_config()
def run(args: argparse.Namespace, config: EnvironmentConfig) -> int:
    """Submit the training pipeline to the environment's workspace, or write it.

    Args:
        args: Parsed ``train`` arguments.
        config: The environment's configuration, with ``--set`` applied.

    Returns:
        ``0`` once submitted (or written); ``2`` for a bad configuration; ``1`` if Azure
        refuses the job or, with ``--wait``, the job fails.
    """
    from reference_impl.commands._training_check import training_problem
    from reference_impl.commands._training_data import training_data

    source = training_data(args.data, config)
    emulation = _emulation_problem(args, source) if args.emulate else None
    problem = emulation or training_problem(config) or _job_problem(config)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return ExitCode.USAGE
    data = source.value
    problem = _data_problem(source, config.data.datastores)
    if problem:  # an unknown datastore, URI scheme or local path: nothing built or submitted
        print(f"error: {problem}", file=sys.stderr)
        return ExitCode.USAGE
    if args.emulate:
        return _emulate(config, data, args.workdir)
    if args.dry_run:
        out = dry_run_folder(args)
        if out is None:
            return ExitCode.USAGE
        return _dry_run(config, data, args.code, out)
    return guarded(lambda: _submit(config, data, args.code, wait=args.wait))


def _job_problem(config: EnvironmentConfig) -> str | None:
    """Why a job could not find the contract, training function or estimator it is told to use.

    The job has its code snapshot, which holds the package folder only (see
    :mod:`reference_impl.azureml.snapshot`), and its environment's pins; nothing else.

    Args:
        config: The environment's configuration, with ``--set`` applied.

    Returns:
        One sentence naming the key, or ``None``.
    """
    from reference_impl.config.environments import CONFIG_DIR
    from reference_impl.contract import contract_path

    if not real_path(contract_path(config.data.contract)).is_relative_to(CONFIG_DIR):
        return (
            f"data.contract {config.data.contract}: an Azure ML job reads the contract from "
            f"its code snapshot, so keep the file in {CONFIG_DIR} and name it relative to it"
        )
    function = config.model.train_function
    package = __name__.partition(".")[0]
    from reference_impl.azureml.job_libraries import unpinned_estimator, unpinned_imports

    if function is None:
        return unpinned_estimator(config.model.estimator)
    if not function.startswith(f"{package}."):
        return (
            f"model.train_function {function}: an Azure ML job imports it from its code "
            f"snapshot, which holds the {package} package only; move the module into it"
        )
    return unpinned_imports(function)


def _data_problem(source: TrainingData, datastores: tuple[str, ...]) -> str | None:
    """One sentence saying why the training data cannot be bound to the pipeline, or ``None``."""
    from reference_impl.azureml.data_inputs import DataInputError, classify
    from reference_impl.paths import missing_problem

    try:
        bound = classify(source.value, datastores=datastores, named=source.named)
    except DataInputError as exc:
        return str(exc)
    if bound.kind == "local" and (problem := missing_problem(Path(bound.path))):
        return f"{source}: {problem}; a local path is uploaded from this machine"
    return None


def _dry_run(config: EnvironmentConfig, data: str, code: str | None, out: Path) -> int:
    from reference_impl.azureml.training import training_plan, write_training

    with code_snapshot(code, out) as snapshot:
        plan = training_plan(config, code=snapshot, data=data)
        files = write_training(plan, out)
    print(f"pipeline {plan.job.display_name} for {config.name} is valid (checked offline)")
    print_files(files, out)
    return ExitCode.OK


def _emulation_problem(args: argparse.Namespace, source: TrainingData) -> str | None:
    """Why ``--emulate`` cannot honour the other arguments, or cannot run here, or ``None``.

    Checked before azure-ai-ml is imported, so the refusal is immediate. ``source`` is the
    training data the run would read (``--data`` or ``data.training``).
    """
    from reference_impl.azureml.emulation.job_environment import missing_uv
    from reference_impl.paths import databricks_problem, is_uri

    for given, flag in ((args.dry_run, "--dry-run"), (args.code, "--code"), (args.wait, "--wait")):
        if given:
            return f"--emulate runs the job here; drop {flag}"
    if problem := databricks_problem(source.value):
        return f"{source}: {problem}"
    if is_uri(source.value):
        return f"{source}: the emulation reads local files only; pass a CSV, Parquet or Delta path"
    return missing_uv(_emulation_root(args.workdir) / JOB_ENVIRONMENTS)


def _emulation_root(workdir: Path) -> Path:
    """The emulation's folder under the working directory."""
    return real_path(workdir) / "azureml-emulation"


# --8<-- [start:emulate]
def _emulate(config: EnvironmentConfig, data: str, workdir: Path) -> int:
    from reference_impl.azureml.emulation.job_environment import (
        JobEnvironmentError,
        job_python,
    )
    from reference_impl.azureml.emulation.runner import run_pipeline
    from reference_impl.azureml.emulation.tracking_service import tracking_stand_in
    from reference_impl.azureml.environment import PYTHON_VERSION, pip_requirements
    from reference_impl.azureml.training import training_plan
    from reference_impl.azureml.yaml_files import pipeline_job_dict
    from reference_impl.commands.train import summary

    root = _emulation_root(workdir)
    try:
        python = job_python(pip_requirements(), PYTHON_VERSION, root / JOB_ENVIRONMENTS)
    except JobEnvironmentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    print(f"job environment: {python.parent.parent} (Python {PYTHON_VERSION}, the job's pins)")
    with code_snapshot(None, root) as snapshot, tracking_stand_in(root / "tracking") as uri:
        plan = training_plan(config, code=snapshot, data=real_path(data))
        print(f"tracking stand-in: {uri} (answers only what Azure ML's tracking serves)")
        job = pipeline_job_dict(plan.job)
        result = run_pipeline(
            job, python=python, code=Path(snapshot), tracking_uri=uri, out=root / "runs"
        )
    if result.exit_code != 0:
        print(
            f"stopped at step {result.failed_node} (exit {result.exit_code}), as the job would",
            file=sys.stderr,
        )
        return result.exit_code
    print("\n".join(summary(result.outputs)))
    return ExitCode.OK
    # --8<-- [end:emulate]


# --8<-- [start:submit-command]
def _submit(config: EnvironmentConfig, data: str, code: str | None, *, wait: bool) -> int:
    from reference_impl.azureml import client
    from reference_impl.azureml.training import submit_training, training_plan

    ml_client = client.workspace_client(config)
    with code_snapshot(code) as snapshot:
        job = submit_training(ml_client, training_plan(config, code=snapshot, data=data))
    print(f"submitted {job.name} to {config.azure.workspace}")
    print(f"studio: {job.studio_url}")
    print(f"status: python -m reference_impl status --env {config.name} --job {job.name}")
    if wait:
        sys.stdout.flush()
        ml_client.jobs.stream(job.name)
    return ExitCode.OK
    # --8<-- [end:submit-command]
