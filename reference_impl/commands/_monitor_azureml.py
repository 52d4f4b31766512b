"""``monitor --target azureml``: the Azure ML model monitor and the retraining schedule."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from reference_impl.arguments import given_value
from reference_impl.commands._azureml import (
    add_code_argument,
    add_dry_run_arguments,
    code_snapshot,
    dry_run_folder,
    guarded,
    print_files,
)
from reference_impl.commands._common import for_target, needs_config
from reference_impl.config.environments import TRAINING_ENV
from reference_impl.exit_codes import ExitCode

if TYPE_CHECKING:
    from reference_impl.config import EnvironmentConfig

COMMAND = "monitor --target azureml"
TARGETS = ("local", "azureml")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--target`` and the Azure ML options of ``monitor``.

    ``--workdir`` becomes optional: only the local target needs it (its handler checks).

    Args:
        parser: The ``monitor`` parser.
    """
    parser.add_argument("--target", choices=TARGETS, default="local", help="where to monitor")
    add_dry_run_arguments(parser, "the monitor schedule and the retraining schedule")
    parser.add_argument(
        "--model",
        type=given_value,
        default=None,
        help="registered model name (default: registry.model_name)",
    )
    parser.add_argument(
        "--deployment",
        type=given_value,
        default=None,
        help="online deployment to monitor (default: the colour serving traffic; dry run: blue)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="target azureml: compare the live deployment's collected inputs of the last 7 days "
        "with its model's own training data; exit 3 on drift, 0 without",
    )
    add_code_argument(parser)
    parser._option_string_actions["--workdir"].required = False  # local only, checked there
    for_target(
        parser, "azureml", "--dry-run", "--out", "--model", "--deployment", "--check", "--code"
    )
    for_target(parser, "local", "--current", "--collected")


def newest_data(training: EnvironmentConfig) -> EnvironmentConfig:
    """The training environment as retraining uses it: ``data.version`` unset.

    Retraining is for the newest data; a version pinned in the environment file (to train on
    a model's data again) would have the schedule train on that old version week after week,
    or fail, for a data asset has no Delta versions.

    Args:
        training: The training environment.

    Returns:
        The same configuration, reading the newest version.
    """
    return training.model_copy(update={"data": training.data.model_copy(update={"version": None})})


@needs_config(also=(TRAINING_ENV,))
def run(args: argparse.Namespace, config: EnvironmentConfig, training: EnvironmentConfig) -> int:
    """Create or update the monitor schedule of ``--env`` and the retraining schedule.

    Args:
        args: Parsed ``monitor`` arguments.
        config: The monitored environment.
        training: The training environment (where the retraining schedule runs).

    Returns:
        ``0`` when both schedules are in place (or written); ``2`` for a bad configuration;
        ``1`` when Azure refuses them.
    """
    model_name = args.model or config.registry.model_name
    if args.check:
        return guarded(lambda: _check(config, training, model_name, args.deployment))
    if args.dry_run:
        out = dry_run_folder(args)
        if out is None:
            return ExitCode.USAGE
        return _dry_run(config, training, model_name, args.deployment or "blue", args.code, out)
    return guarded(lambda: _apply(config, training, model_name, args.deployment, args.code))


def _dry_run(
    config: EnvironmentConfig,
    training: EnvironmentConfig,
    model_name: str,
    deployment: str,
    code: str | None,
    out: Path,
) -> int:
    from reference_impl.azureml.monitoring import (
        baseline_data,
        monitor_schedule_entity,
        retraining_schedule_entity,
        write_baseline,
    )
    from reference_impl.azureml.names import TRAINING_DATA_ASSET
    from reference_impl.azureml.training import training_plan, write_training
    from reference_impl.azureml.yaml_files import plain, write_entity, write_yaml
    from reference_impl.data import TRAINING_DATA

    monitor = monitor_schedule_entity(config, model_name=model_name, deployment=deployment)
    files = [write_entity(out / "monitor_schedule.yml", monitor, command=COMMAND)]
    retraining = out / "retraining"
    with code_snapshot(code, retraining) as snapshot:
        plan = training_plan(
            newest_data(training), code=snapshot, data=f"azureml:{TRAINING_DATA_ASSET}@latest"
        )
        files += write_training(plan, retraining)
    schedule = plain(retraining_schedule_entity(plan.job))
    schedule["create_job"] = "./pipeline_job.yml"  # the CLI schema refers to the job file
    files.append(write_yaml(retraining / "retraining_schedule.yml", schedule, command=COMMAND))
    baseline = write_baseline(out / "baseline", TRAINING_DATA)
    files.append(write_entity(out / "baseline_data.yml", baseline_data(baseline), command=COMMAND))
    print(f"monitor {monitor.name} of {config.name} and the weekly retraining in {training.name}")
    print_files(files, out)
    return ExitCode.OK


# --8<-- [start:check-command]
def _check(
    config: EnvironmentConfig, training: EnvironmentConfig, model_name: str, deployment: str | None
) -> int:
    from reference_impl.azureml.drift_check import CheckError, check_drift

    try:
        verdict = check_drift(config, training, model_name, deployment)
    except CheckError as exc:
        print(f"error: cannot check drift: {exc}", file=sys.stderr)
        return exc.exit_code
    report = verdict.report
    print(
        f"{verdict.deployment} serves {verdict.model}: compared {report['rows']} collected rows "
        f"with its training data {verdict.baseline}"
    )
    for reason in report["reasons"]:
        print(f"  - {reason}")
    if report["retrain_recommended"]:
        print("retraining recommended")
        return ExitCode.RETRAIN_RECOMMENDED
    print("no drift: keep the champion")
    return ExitCode.OK
    # --8<-- [end:check-command]


# --8<-- [start:apply]
def _apply(
    config: EnvironmentConfig,
    training: EnvironmentConfig,
    model_name: str,
    deployment: str | None,
    code: str | None,
) -> int:
    from reference_impl.azureml import client
    from reference_impl.azureml.drift_check import (
        CheckError,
        deployed_lineage,
        training_frame,
    )
    from reference_impl.azureml.monitoring import (
        ensure_baseline,
        monitor_schedule_entity,
        retraining_schedule_entity,
    )
    from reference_impl.azureml.names import TRAINING_DATA_ASSET
    from reference_impl.azureml.training import training_plan
    from reference_impl.contract import load_contract

    monitored = client.workspace_client(config)
    trainer = client.workspace_client(training)
    try:  # the baseline is the data the deployed version was trained on (its lineage tag)
        lineage = deployed_lineage(config, monitored, model_name, deployment)
    except CheckError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code

    features = load_contract(config.data.contract).feature_names

    def training_csv(folder: Path) -> Path:
        folder.mkdir(parents=True)
        frame = training_frame(trainer, lineage.data, features)
        frame.to_csv(folder / "training.csv", index=False)
        return folder / "training.csv"

    with tempfile.TemporaryDirectory(prefix="baseline-") as folder:
        try:  # an unreadable training asset: one sentence, nothing scheduled
            ensure_baseline(monitored, Path(folder), training_csv, lineage.data_version)
        except CheckError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return exc.exit_code
    monitor = monitor_schedule_entity(
        config,
        model_name=model_name,
        deployment=lineage.deployment,
        baseline_version=lineage.data_version,
    )
    monitored.schedules.begin_create_or_update(monitor).result()
    print(
        f"monitor {monitor.name} watches {lineage.deployment} ({lineage.model}) in "
        f"{config.azure.workspace}, against its training data {lineage.data}"
    )
    # A schedule keeps the job it was created with: pin today's newest data version (running
    # this command again, as the daily monitor workflow does, moves it to a newer one).
    data = trainer.data.get(TRAINING_DATA_ASSET, label="latest")
    with code_snapshot(code) as snapshot:
        plan = training_plan(
            newest_data(training), code=snapshot, data=f"azureml:{data.name}:{data.version}"
        )
        trainer.environments.create_or_update(plan.environment)
        schedule = retraining_schedule_entity(plan.job)
        trainer.schedules.begin_create_or_update(schedule).result()
    print(
        f"schedule {schedule.name} retrains on {data.name}:{data.version} in "
        f"{training.azure.workspace} (cron {schedule.trigger.expression}, UTC)"
    )
    return ExitCode.OK
    # --8<-- [end:apply]
