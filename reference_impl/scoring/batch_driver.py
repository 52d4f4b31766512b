"""Batch scoring driver: the ``init()`` / ``run(mini_batch)`` contract of Azure ML batch endpoints.

A batch deployment calls ``init()`` once per worker and ``run()`` with a mini-batch: a list
of file paths. ``run()`` returns one output row per input row; with ``append_row`` the
endpoint concatenates them into one predictions file. ``python -m reference_impl
batch-score`` drives the same functions locally. A file that breaks the contract raises,
which fails its mini-batch (Azure ML counts it against the deployment's error threshold).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PROJECT_ROOT = str(Path(__file__).resolve().parents[2])
if _PROJECT_ROOT not in sys.path:  # the endpoint loads this file by path, not as a package module
    sys.path.insert(0, _PROJECT_ROOT)

import pandas as pd  # noqa: E402

from reference_impl.config.project import load_project  # noqa: E402
from reference_impl.modeling.packaging import LoadedModel, load_model_dir  # noqa: E402
from reference_impl.scoring.outputs import prediction_columns  # noqa: E402
from reference_impl.validation import DataValidationError, read_table, validate_frame  # noqa: E402
from reference_impl.validation.plain_csv import NotPlain  # noqa: E402
from reference_impl.validation.reader import read_table_parts  # noqa: E402

_model: LoadedModel | None = None
OUTPUTS = load_project().outputs
PART_BYTES = 8 << 20
"""A plain CSV file is read, checked and scored about this many bytes at a time."""


def init() -> None:
    """Load the model once per worker, from ``AZUREML_MODEL_DIR``."""
    global _model
    _model = load_model_dir(Path(os.environ["AZUREML_MODEL_DIR"]))


# --8<-- [start:run]
def run(mini_batch: list[str]) -> pd.DataFrame:
    """Score every file of a mini-batch.

    Args:
        mini_batch: Paths of CSV files with the id and feature columns (a label column,
            if present, is ignored), or of Parquet files or Delta tables.

    Returns:
        One row per input row: ``file``, the id, and the prediction columns of the task
        (:func:`~reference_impl.scoring.outputs.prediction_columns`) named in
        ``config/project.yaml``.

    Raises:
        DataValidationError: If a file breaks the data contract.
    """
    assert _model is not None, "init() was not called"
    return pd.concat([_score_file(Path(name)) for name in mini_batch], ignore_index=True)


def _score_file(path: Path) -> pd.DataFrame:
    """Score one file a part at a time; on any problem, read it whole for the full message."""
    contract = _model.contract
    columns = {
        "required": [contract.id_column, *contract.feature_names],
        "allowed_extra": [contract.label, *contract.ignore],
        "text": contract.text_columns,
    }
    parts = read_table_parts(path, **columns, block_size=PART_BYTES)
    if parts is not None:  # a plain CSV file: memory grows with a part, not with the file
        try:
            scored = [_score(part, path) for part in parts]
        except (DataValidationError, NotPlain):
            scored = []  # the whole file is checked below: its message lists every problem
        ids = [part[contract.id_column] for part in scored]
        if scored and not pd.concat(ids).duplicated().any():
            return pd.concat(scored, ignore_index=True)
    return _score(read_table(path, **columns), path)


def _score(table: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Check rows against the contract and score them."""
    contract = _model.contract
    rows = validate_frame(table, contract, source=str(path), with_label=False)
    columns = prediction_columns(_model, _model.scores(rows), OUTPUTS)
    ids = rows[contract.id_column].to_numpy()
    return pd.DataFrame({"file": item_name(path), contract.id_column: ids, **columns})
    # --8<-- [end:run]


def item_name(path: Path) -> str:
    """How an output row names its file: with the Hive partition folders above it.

    Spark names the files of every partition alike (``region=north/part-0.parquet``,
    ``region=south/part-0.parquet``); the file name alone told them apart no more.

    Args:
        path: A scored file or table.

    Returns:
        ``region=north/part-0.parquet`` for a file in a partition folder, else its name.
    """
    names = [path.name]
    for parent in path.parents:
        if "=" not in parent.name:
            break
        names.insert(0, parent.name)
    return "/".join(names)
