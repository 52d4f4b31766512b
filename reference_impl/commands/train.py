"""``train``: the training pipeline (validate, prep, train, evaluate, review, gate, register)."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reference_impl.arguments import TABLE_FORMS, given_path, given_source
from reference_impl.commands import _train_azureml
from reference_impl.commands._common import add_override_argument, for_target, needs_config
from reference_impl.config.environments import ENVIRONMENTS
from reference_impl.exit_codes import STOPPED, WORKDIR_EXITS, ExitCode, exit_codes_sentence
from reference_impl.paths import databricks_problem, is_uri, real_path
from reference_impl.workdir import DEFAULT_WORKDIR

if TYPE_CHECKING:
    from reference_impl.config import EnvironmentConfig

TARGETS = ("local", "azureml")


def seconds(text: str) -> float:
    """``--lock-wait``: a number of seconds, 0 or more (``inf`` waits as long as it takes).

    Args:
        text: The argument as typed.

    Returns:
        The seconds.

    Raises:
        argparse.ArgumentTypeError: If it is not a number, is negative or is ``nan`` (which
            no deadline is ever past, so the wait would never end).
    """
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not number >= 0:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of seconds: use 0 or more (inf waits as long as it takes)"
        )
    return number


EXITS: dict[ExitCode, str] = {
    ExitCode.OK: "the pipeline ran (whatever the gate decided)",
    ExitCode.AZURE_REFUSED: "with --target azureml, Azure ML refused the job or there is no Azure "
    "sign-in",
    ExitCode.USAGE: "bad arguments or configuration",
    ExitCode.BAD_DATA: "the data breaks the contract (nothing trained or registered)",
    **WORKDIR_EXITS,
    ExitCode.BUSY: "busy: another run on the workdir held its lock longer than --lock-wait",
    **STOPPED,
}
"""What each exit code of ``train`` means; its ``--help`` and the site list them."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``train`` sub-command.

    Args:
        subparsers: The parent parser's sub-parser collection.
    """
    parser = subparsers.add_parser(
        "train",
        help="run the training pipeline and register the model",
        description="Validate, split, train, evaluate, gate and register. "
        f"{exit_codes_sentence(EXITS)}",
    )
    parser.add_argument("--target", choices=TARGETS, default="local", help="where to run")
    parser.add_argument(
        "--workdir",
        type=given_path,
        default=DEFAULT_WORKDIR,
        help=f"local working directory (target local; default: {DEFAULT_WORKDIR})",
    )
    parser.add_argument(
        "--data",
        type=given_source,
        help=f"training data: {TABLE_FORMS}; with --target azureml also "
        "azureml://datastores/<name>/paths/..., abfss://... or azureml:<asset>:<version> "
        "(default: data.training of the environment, else the sample CSV)",
    )
    parser.add_argument("--env", choices=ENVIRONMENTS, default="dev", help="environment name")
    add_override_argument(parser)
    parser.add_argument(
        "--contract",
        type=given_path,
        metavar="FILE",
        help="the data contract (YAML) to validate and train with; the same as --set "
        "data.contract=FILE (default: config/contract.yaml)",
    )
    parser.add_argument(
        "--lock-wait",
        type=seconds,
        default=600.0,
        metavar="SECONDS",
        help="how long to wait for another train on the same workdir (target local; default "
        "600; inf: as long as it takes); exit 7 after that",
    )
    for_target(parser, "local", "--lock-wait")
    _train_azureml.add_arguments(parser)
    parser.set_defaults(func=run)


def summary(outputs: dict[str, Path]) -> list[str]:
    """The closing lines of a training run: metrics, the gate's verdict, the registry, evidence.

    The evidence is where the run's model card and plots are (also in MLflow, under the step
    runs).

    Args:
        outputs: Output folders by ``<step>.<port>`` (local runner or emulation).

    Returns:
        Lines to print.
    """
    from reference_impl.modeling.task_metrics import summary_names
    from reference_impl.steps.files import MODEL_CARD, read_json
    from reference_impl.steps.register import champion_phrase

    metrics = read_json(outputs["evaluate.evaluation"] / "metrics.json")
    decision = read_json(outputs["gate.decision"] / "decision.json")
    registration = read_json(outputs["register.registration"] / "registration.json")
    lines = [
        "summary",
        "  holdout: " + ", ".join(f"{name} {metrics[name]:.3f}" for name in summary_names(metrics)),
        f"  gate: {'approved' if decision['approved'] else 'rejected'}",
    ]
    lines += [f"    - {c['detail']}" for c in decision["checks"] if not c["passed"]]
    lines.append(
        f"  registered: {registration['model_name']} version {registration['version']} "
        f"({', '.join(registration['aliases'])}); "
        + champion_phrase(registration["champion_version"])
    )
    lines.append(f"  model card: {outputs['review.evidence'] / MODEL_CARD}")
    lines.append(f"  plots: {outputs['evaluate.evaluation']}")
    return lines


def _setting(contract: Path) -> str:
    """``--contract FILE`` as a ``data.contract`` value: relative when in the config folder."""
    from reference_impl.config.environments import CONFIG_DIR

    path = real_path(contract)
    return str(path.relative_to(CONFIG_DIR)) if path.is_relative_to(CONFIG_DIR) else str(path)


def run(args: argparse.Namespace) -> int:
    """Run the pipeline on the chosen target and print a summary.

    Args:
        args: Parsed arguments.

    Returns:
        An :class:`~reference_impl.exit_codes.ExitCode`.
    """
    if args.contract is not None:  # one setting, data.contract, whichever way it is given
        args.overrides = [*args.overrides, f"data.contract={_setting(args.contract)}"]
    if args.target == "azureml":
        return _train_azureml.run(args)
    return _run_local(args)


@needs_config()
def _run_local(args: argparse.Namespace, config: EnvironmentConfig) -> int:
    from reference_impl.commands._training_check import training_problem
    from reference_impl.commands._training_data import training_data
    from reference_impl.pipeline.local import run_local
    from reference_impl.workdir import Workdir

    problem = training_problem(config)
    if problem:  # nothing runs, nothing is registered
        print(f"error: {problem}", file=sys.stderr)
        return ExitCode.USAGE
    workdir = Workdir.at(args.workdir)
    source = training_data(args.data, config)
    if problem := databricks_problem(source.value):
        print(f"error: {source}: {problem}", file=sys.stderr)
        return ExitCode.USAGE
    if is_uri(source.value):
        print(
            f"error: {source}: a URI is read by Azure ML; add --target azureml, or pass a "
            "local file or folder",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    data = Path(source.value)
    print(f"training on {data} ({args.env}) in {workdir.root}", flush=True)
    result = run_local(
        config, data, workdir, log=lambda line: print(line, flush=True), wait=args.lock_wait
    )
    if result.exit_code != 0:
        print(f"stopped at step {result.failed_step}; nothing was registered", file=sys.stderr)
        return result.exit_code
    print("\n".join(summary(result.outputs)))
    return ExitCode.OK
