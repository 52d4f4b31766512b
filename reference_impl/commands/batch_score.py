"""``batch-score``: score a folder of CSV files with the champion, like a batch endpoint."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from reference_impl.commands._common import add_workdir_arguments, needs_config
from reference_impl.config import EnvironmentConfig
from reference_impl.config.project import load_project
from reference_impl.exit_codes import ExitCode

if TYPE_CHECKING:
    import pandas as pd


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``batch-score`` sub-command.

    Args:
        subparsers: The parent parser's sub-parser collection.
    """
    parser = subparsers.add_parser(
        "batch-score",
        help="score every CSV file of a folder into one predictions file",
        description="Drive reference_impl/scoring/batch_driver.py over mini-batches of files. "
        "Exit codes: 0 written, 4 a file breaks the contract (nothing written), "
        "5 no champion registered.",
    )
    add_workdir_arguments(parser)
    parser.add_argument("--input", type=Path, required=True, help="folder of CSV files")
    parser.add_argument("--output", type=Path, required=True, help="predictions CSV to write")
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
        folder: Folder of CSV files.
        mini_batch_size: Files per ``run()`` call.

    Returns:
        All output rows, in file order.
    """
    import pandas as pd

    from reference_impl.scoring import batch_driver

    files = sorted(str(path) for path in folder.glob("*.csv"))
    with model_dir_env(model_dir):
        batch_driver.init()
    batches = [files[i : i + mini_batch_size] for i in range(0, len(files), mini_batch_size)]
    return pd.concat([batch_driver.run(batch) for batch in batches], ignore_index=True)
    # --8<-- [end:score-folder]


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
    if not args.input.is_dir() or not any(args.input.glob("*.csv")):
        print(f"error: {args.input} is not a folder with .csv files", file=sys.stderr)
        return ExitCode.BAD_DATA
    from reference_impl.registry import NoChampionError, champion_copy
    from reference_impl.tracking import use_workdir
    from reference_impl.validation import DataValidationError
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
    args.output.parent.mkdir(parents=True, exist_ok=True)
    predictions.to_csv(args.output, index=False, lineterminator="\n")
    print(
        f"scored {len(predictions)} customers from {predictions['file'].nunique()} file(s) with "
        f"{config.registry.model_name} version {version.version}: "
        f"{predictions[load_project().outputs.decision].mean():.1%} flagged; wrote {args.output}"
    )
    return ExitCode.OK
