"""``batch-score``: score CSV, Parquet or Delta input with the champion, like a batch endpoint."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reference_impl.arguments import TABLE_FORMS, given_path, iso_date
from reference_impl.commands._common import (
    add_override_argument,
    add_workdir_arguments,
    needs_config,
    unwritable,
)
from reference_impl.exit_codes import WORKDIR_EXITS, ExitCode, exit_codes_sentence
from reference_impl.paths import absent, real_path

if TYPE_CHECKING:
    import pandas as pd

    from reference_impl.config import EnvironmentConfig


EXITS: dict[ExitCode, str] = {
    ExitCode.OK: "written",
    ExitCode.USAGE: "bad arguments or configuration, or an --output that cannot be written",
    ExitCode.BAD_DATA: "a file breaks the contract, or --input is not there, is a file whose "
    "name ends in neither .csv nor .parquet, or is a folder with no such file and no Delta table "
    "(nothing written)",
    ExitCode.NO_CHAMPION: "no champion registered",
    **WORKDIR_EXITS,
    ExitCode.INTERRUPTED: "stopped with Ctrl-C (an earlier output stays as it was)",
}
"""What each exit code of ``batch-score`` means; its ``--help`` and the site list them."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``batch-score`` sub-command.

    Args:
        subparsers: The parent parser's sub-parser collection.
    """
    parser = subparsers.add_parser(
        "batch-score",
        help="score a folder of CSV files, Parquet data or a Delta table into predictions",
        description="Drive reference_impl/scoring/batch_driver.py over mini-batches of files. "
        "With --format parquet the predictions go to --output/run_date=YYYY-MM-DD/. "
        "The output is written whole or not at all: a run that stops early leaves an "
        "earlier output as it was. "
        f"{exit_codes_sentence(EXITS)}",
    )
    add_workdir_arguments(parser)
    add_override_argument(parser)
    parser.add_argument(
        "--input",
        type=given_path,
        required=True,
        help=f"the rows to score: {TABLE_FORMS} (names starting with . or _ in a folder are "
        "skipped, as Spark and pyarrow skip them)",
    )
    parser.add_argument(
        "--output",
        type=given_path,
        required=True,
        help="predictions CSV to write, or with --format parquet the predictions folder",
    )
    parser.add_argument(
        "--format",
        choices=("csv", "parquet"),
        default="csv",
        help="csv: one file; parquet: a partition per run date (default csv)",
    )
    parser.add_argument(
        "--run-date",
        type=iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="with --format parquet, the date that names the partition (default: today, UTC)",
    )
    parser.add_argument(
        "--mini-batch-size", type=int, default=2, help="files per run() call (default 2)"
    )
    parser.set_defaults(func=run)


@contextmanager
def model_dir_env(folder: Path) -> Iterator[None]:
    """Set ``AZUREML_MODEL_DIR`` for the driver's ``init()``, restoring it afterwards.

    Args:
        folder: Local copy of the model.

    Yields:
        Nothing; the variable is set inside the block.
    """
    previous = os.environ.get("AZUREML_MODEL_DIR")
    os.environ["AZUREML_MODEL_DIR"] = str(folder)
    try:
        yield
    finally:
        if previous is None:
            del os.environ["AZUREML_MODEL_DIR"]
        else:
            os.environ["AZUREML_MODEL_DIR"] = previous


# --8<-- [start:score-folder]
def score_folder(model_dir: Path, folder: Path, mini_batch_size: int) -> pd.DataFrame:
    """Call the batch driver's ``init()`` once and ``run()`` per mini-batch of files.

    Args:
        model_dir: Local copy of the model.
        folder: Folder of CSV files, a Parquet file or folder, or a Delta table folder.
        mini_batch_size: Files per ``run()`` call.

    Returns:
        All output rows, in file order.
    """
    import pandas as pd

    from reference_impl.scoring import batch_driver
    from reference_impl.scoring.lake_io import input_items

    files = input_items(folder)
    with model_dir_env(model_dir):
        batch_driver.init()
    batches = [files[i : i + mini_batch_size] for i in range(0, len(files), mini_batch_size)]
    return pd.concat([batch_driver.run(batch) for batch in batches], ignore_index=True)
    # --8<-- [end:score-folder]


def _share(decided: pd.Series) -> str:
    """How the decisions split: the flagged share (binary), the commonest class, or the mean."""
    import pandas as pd

    if pd.api.types.is_bool_dtype(decided):
        return f"{decided.mean():.1%} flagged"
    if pd.api.types.is_numeric_dtype(decided):
        return f"mean prediction {decided.mean():.4g}"
    top = decided.astype(str).value_counts(normalize=True)
    return f"commonest class {top.index[0]} ({top.iloc[0]:.1%})"


def _nothing_to_score(source: Path) -> str:
    """Why ``source``, which is there, lists no file to score (a folder, another file, a link)."""
    try:
        source.stat()
    except OSError as exc:  # a link round in a loop, or to nothing: the system says which
        return f"--input {source}: cannot read the file: {exc.strerror}"
    if source.is_dir():
        return f"{source} holds no .csv or .parquet files and is not a Delta table"
    from reference_impl.validation.file_kinds import other_kind

    said = None  # a pipe or a device is not opened: reading it could wait for ever
    if source.is_file():
        try:
            with source.open("rb") as file:
                said = other_kind(file.read(8))
        except OSError:
            pass  # the suffix alone is reason enough
    if said:
        return f"--input {source} {said}"
    return (
        f"--input {source}: batch-score reads a file whose name ends in .csv or .parquet "
        "(or a folder of them, or a Delta table)"
    )


@needs_config()
def run(args: argparse.Namespace, config: EnvironmentConfig) -> int:
    """Score the folder and write the predictions file.

    Args:
        args: Parsed arguments.
        config: The environment's configuration.

    Returns:
        An :class:`~reference_impl.exit_codes.ExitCode`.
    """
    if args.mini_batch_size < 1:
        print("error: --mini-batch-size must be at least 1", file=sys.stderr)
        return ExitCode.USAGE
    from reference_impl.scoring.lake_io import input_items, write_partition
    from reference_impl.validation import DataValidationError

    if absent(args.input):  # a typo, which was said to hold "no .csv or .parquet files"
        print(f"error: --input {args.input}: no such file or folder", file=sys.stderr)
        return ExitCode.BAD_DATA
    try:
        items = input_items(args.input)
    except DataValidationError as exc:  # a folder of CSV and Parquet files both
        print(f"error: cannot score: {exc}", file=sys.stderr)
        return ExitCode.BAD_DATA
    if not items:
        print(f"error: {_nothing_to_score(args.input)}", file=sys.stderr)
        return ExitCode.BAD_DATA
    from reference_impl.whole_file import output_problem, whole_file

    if problem := output_problem(args.output, folder=args.format == "parquet"):
        return unwritable("--output", args.output, problem)
    if _inside(args.output, args.input):  # it would replace an input, or be read as one
        return unwritable("--output", args.output, f"it is inside --input {args.input}")
    if problem := _format_problem(args):  # the output would not be what its name or date say
        print(f"error: {problem}", file=sys.stderr)
        return ExitCode.USAGE
    from reference_impl.config.project import load_project
    from reference_impl.registry import NoChampionError, champion_copy
    from reference_impl.tracking import use_workdir
    from reference_impl.workdir import Workdir

    workdir = Workdir.at(args.workdir)
    use_workdir(workdir)
    try:
        version, folder = champion_copy(config.registry.model_name, workdir.serving)
    except NoChampionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.NO_CHAMPION
    try:
        predictions = score_folder(folder, args.input, args.mini_batch_size)
    except DataValidationError as exc:
        print(f"error: cannot score: {exc}", file=sys.stderr)
        return ExitCode.BAD_DATA
    try:
        if args.format == "parquet":
            run_date = args.run_date or datetime.now(UTC).date()
            written = write_partition(predictions, args.output, run_date)
        else:
            with whole_file(args.output) as side:
                predictions.to_csv(side, index=False, lineterminator="\n")
            written = args.output
    except OSError as exc:  # no permission, a full disk: an earlier output stays as it was
        return unwritable("--output", args.output, exc)
    decided = predictions[load_project().outputs.decision]
    print(
        f"scored {len(predictions)} rows from {predictions['file'].nunique()} file(s) with "
        f"{config.registry.model_name} version {version.version}: {_share(decided)}; "
        f"wrote {written}"
    )
    return ExitCode.OK


def _format_problem(args: argparse.Namespace) -> str | None:
    """Why ``--output``, ``--format`` and ``--run-date`` contradict each other, or ``None``.

    A CSV written to ``predictions.parquet``, or a partition folder named ``predictions.csv``,
    breaks whoever reads it by its name; a ``--run-date`` with ``--format csv`` names nothing.
    """
    if args.run_date is not None and args.format != "parquet":
        return "--run-date names the Parquet partition; it applies to --format parquet only"
    other = "parquet" if args.format == "csv" else "csv"
    if args.output.suffix.lower() == f".{other}":
        return (
            f"--output {args.output} ends in .{other} but --format is {args.format}; "
            f"name the output for its format, or pass --format {other}"
        )
    return None


def _inside(output: Path, source: Path) -> bool:
    """Whether ``output`` is the ``--input`` file or lies in the ``--input`` folder or table.

    Writing there replaced an input file with its own predictions (``--output batches/a.csv``),
    or left a file the next run scores as a batch, or wrote into a Delta table's folder.
    """
    return real_path(output).is_relative_to(real_path(source))
