"""``monitor``: compare a batch of production data with the champion's training baseline."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reference_impl.arguments import TABLE_FORMS, given_path
from reference_impl.commands._common import (
    add_override_argument,
    add_workdir_arguments,
    needs_config,
)
from reference_impl.config.deployments import deployments
from reference_impl.exit_codes import STOPPED, WORKDIR_EXITS, ExitCode, exit_codes_sentence

if TYPE_CHECKING:
    import pandas as pd

    from reference_impl.config import EnvironmentConfig
    from reference_impl.contract import DataContract

# Production data is what an online deployment's collector writes: the Azure ML monitor and
# ``--collected`` read it, so a batch-only project monitors the batches it scores (--current).
ONLINE = "online" in deployments()


EXITS: dict[ExitCode, str] = {
    ExitCode.OK: "no drift",
    ExitCode.AZURE_REFUSED: "with --target azureml, Azure ML refused an operation or there is no "
    "Azure sign-in",
    ExitCode.USAGE: "bad arguments or configuration",
    ExitCode.RETRAIN_RECOMMENDED: "retraining recommended",
    ExitCode.BAD_DATA: "the file cannot be read as the contract says or holds fewer rows than "
    "monitoring.min_rows",
    ExitCode.NO_CHAMPION: "no champion registered (with --target azureml --check: no deployment "
    "serving traffic)",
    ExitCode.GATE_REFUSED: "with --target azureml, the deployed version has no data lineage tag, "
    "or its training data is an mltable asset",
    **WORKDIR_EXITS,
    **STOPPED,
}
"""What each exit code of ``monitor`` means; its ``--help`` and the site list them."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``monitor`` sub-command.

    Args:
        subparsers: The parent parser's sub-parser collection.
    """
    parser = subparsers.add_parser(
        "monitor",
        help="detect data drift against the training baseline",
        description="Write DIR/monitoring/<name>/report.json and drift.png. "
        f"{exit_codes_sentence(EXITS)}",
    )
    add_workdir_arguments(parser)
    add_override_argument(parser)
    sources = parser.add_mutually_exclusive_group()  # both: which rows would be compared?
    sources.add_argument(
        "--current",
        type=given_path,
        help=f"recent data: {TABLE_FORMS} (target local)",
    )
    if ONLINE:
        from reference_impl.commands import _monitor_azureml

        sources.add_argument(
            "--collected",
            type=given_path,
            help="folder of collected production data, e.g. DIR/collected written by serve "
            "(target local; its model_inputs are compared instead of --current)",
        )
        _monitor_azureml.add_arguments(parser)
    else:
        parser.add_argument(
            "--target", choices=("local",), default="local", help="where to monitor"
        )
    parser.set_defaults(func=run, collected=None)


def run(args: argparse.Namespace) -> int:
    """Build the report and plot, print the verdict.

    Args:
        args: Parsed arguments.

    Returns:
        An :class:`~reference_impl.exit_codes.ExitCode`.
    """
    if args.target == "azureml":
        from reference_impl.commands import _monitor_azureml

        return _monitor_azureml.run(args)
    if args.workdir is not None and args.collected is not None:  # never with --current
        current = _collected_table(args.collected, args.workdir)
        if current is None:
            return ExitCode.BAD_DATA
        args.current = current
    if args.workdir is None or args.current is None:
        print(
            "error: --workdir and --current (or --collected) are required with --target local",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    return _run_local(args)


# --8<-- [start:collected-table]
def _collected_table(collected: Path, workdir: Path) -> Path | None:
    """Write the collected model inputs as the CSV ``monitor`` compares; ``None`` if none."""
    from reference_impl.scoring.collect_sink import read_inputs

    try:
        frame = read_inputs(collected)
    except (OSError, ValueError, KeyError) as exc:
        system = isinstance(exc, OSError) and exc.strerror  # the system's error, not ours
        reason = f"{collected}: {system}" if system else exc
        print(f"error: cannot monitor: {reason}", file=sys.stderr)
        return None
    path = Path(workdir) / "monitoring" / "collected.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.drop(columns=["correlationid"]).to_csv(path, index=False)
    print(f"read {len(frame)} collected rows from {collected}")
    return path
    # --8<-- [end:collected-table]


@needs_config()
def _run_local(args: argparse.Namespace, config: EnvironmentConfig) -> int:
    import mlflow

    from reference_impl.contract import load_contract
    from reference_impl.monitoring.plot import drift_plot
    from reference_impl.monitoring.report import drift_report
    from reference_impl.registry import CHAMPION, alias_version, no_champion
    from reference_impl.steps.files import read_json, write_json
    from reference_impl.tracking import use_workdir
    from reference_impl.workdir import Workdir

    contract = load_contract(config.data.contract)
    current, problem = _read_current(args.current, contract)
    least = config.monitoring.min_rows
    if _too_few(current, least, args.current):
        return ExitCode.BAD_DATA
    workdir = Workdir.at(args.workdir)
    use_workdir(workdir)
    champion = alias_version(config.registry.model_name, CHAMPION)
    if champion is not None:
        trained_with = _model_contract(champion.run_id)
        if trained_with != contract:  # the champion's own contract says what its inputs are
            contract = trained_with
            current, problem = _read_current(args.current, trained_with)
            if _too_few(current, least, args.current):
                return ExitCode.BAD_DATA
    if problem is not None:
        print(f"error: cannot monitor: {problem}", file=sys.stderr)
        return ExitCode.BAD_DATA
    if champion is None:
        print(f"error: {no_champion(config.registry.model_name)}", file=sys.stderr)
        return ExitCode.NO_CHAMPION
    if unreachable := config.monitoring.never_recommends(len(contract.features)):
        print(f"error: {unreachable}", file=sys.stderr)  # a --set made after training
        return ExitCode.USAGE
    out = workdir.monitoring / args.current.stem
    out.mkdir(parents=True, exist_ok=True)
    baseline = mlflow.artifacts.download_artifacts(
        run_id=champion.run_id, artifact_path="baseline/profile.json", dst_path=str(out)
    )
    report = drift_report(current, read_json(Path(baseline)), contract, config.monitoring)
    report.update({"current": str(args.current), "champion_version": str(champion.version)})
    write_json(out / "report.json", report)
    drift_plot(report, config.monitoring.psi_threshold, out / "drift.png")
    print(
        f"compared {report['rows']} rows with the training baseline of version {champion.version}"
    )
    for name, feature in sorted(report["features"].items(), key=lambda kv: -kv[1]["psi"])[:5]:
        flag = "DRIFT" if feature["drifted"] else "ok"
        print(f"  {flag:<5} {name:<20} PSI {feature['psi']:.3f}  JS {feature['js_distance']:.3f}")
    for reason in report["reasons"]:
        print(f"  - {reason}")
    print(f"report: {out / 'report.json'}; plot: {out / 'drift.png'}")
    if report["retrain_recommended"]:
        print("retraining recommended")
        return ExitCode.RETRAIN_RECOMMENDED
    print("no drift: keep the champion")
    return ExitCode.OK


def _read_current(path: Path, contract: DataContract) -> tuple[pd.DataFrame | None, str | None]:
    """The batch to compare, or ``None`` and why it cannot be read as ``contract``."""
    from reference_impl.validation import DataValidationError, read_table

    try:
        extra = [contract.id_column, contract.label, *contract.ignore]
        current = read_table(
            path, required=contract.feature_names, allowed_extra=extra, text=contract.text_columns
        )
        return current, None
    except DataValidationError as exc:
        return None, str(exc)


def _too_few(current: pd.DataFrame | None, least: int, path: Path) -> bool:
    """Whether a batch that was read holds fewer rows than ``monitoring.min_rows`` (said so)."""
    if current is None or len(current) >= least:
        return False
    print(  # too few rows say nothing about drift: bad input, not drift
        f"error: cannot monitor: {path}: only {len(current)} row(s); at least {least} are "
        "needed to compare with the baseline (monitoring.min_rows)",
        file=sys.stderr,
    )
    return True


def _model_contract(run_id: str) -> DataContract:
    """The data contract stored in the metadata of the model logged by a ``train`` run."""
    from mlflow.models import Model

    from reference_impl.contract import parse_contract
    from reference_impl.steps.train import MODEL_ARTIFACT

    metadata = Model.load(f"runs:/{run_id}/{MODEL_ARTIFACT}").metadata or {}
    return parse_contract(metadata.get("contract"), f"model of run {run_id}")
