"""The sample data as a small local data lake: Parquet files and a Delta table with history.

The same rows as the CSV files, laid out the way a data platform writes them, so that every
reader the project supports has committed data to run on:

- ``lake/raw/customers/`` — the training rows as a folder of two Parquet files;
- ``lake/curated/customers/`` — the training rows as a Delta table with two versions:
  version 0 holds the first :data:`FIRST_WRITE_ROWS` customers, version 1 appends the rest
  (so the latest version equals ``customers.csv`` and version 0 is an older extract);
- ``lake/raw/batch/week-01.parquet`` — the first scoring batch as one Parquet file.

Delta logs carry write times and file names carry random ids, so these files are compared by
their rows, not their bytes (see ``tests/lifecycle/test_lake_data.py``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

LAKE = "lake"
TRAINING_PARQUET = f"{LAKE}/raw/customers"
TRAINING_DELTA = f"{LAKE}/curated/customers"
BATCH_PARQUET = f"{LAKE}/raw/batch/week-01.parquet"
FIRST_WRITE_ROWS = 8_000
"""Rows of Delta version 0; version 1 appends the remaining customers."""


def write_lake(folder: Path, training: pd.DataFrame, batch: pd.DataFrame) -> list[Path]:
    """Write the training rows as Parquet and as a two-version Delta table, and one batch.

    Args:
        folder: Destination (the lake goes to ``folder/lake``, replacing any earlier copy).
        training: The training rows (``customers.csv``).
        batch: A scoring batch (``batch/week-01.csv``).

    Returns:
        The Parquet folder, the Delta table folder and the batch file.
    """
    from deltalake import write_deltalake

    shutil.rmtree(folder / LAKE, ignore_errors=True)
    parquet = folder / TRAINING_PARQUET
    parquet.mkdir(parents=True)
    half = len(training) // 2
    training.iloc[:half].to_parquet(parquet / "part-00000.parquet", index=False)
    training.iloc[half:].to_parquet(parquet / "part-00001.parquet", index=False)
    delta = folder / TRAINING_DELTA
    delta.parent.mkdir(parents=True)
    first = training.iloc[:FIRST_WRITE_ROWS].reset_index(drop=True)
    rest = training.iloc[FIRST_WRITE_ROWS:].reset_index(drop=True)
    write_deltalake(delta, first)  # version 0
    write_deltalake(delta, rest, mode="append")  # version 1
    batch_file = folder / BATCH_PARQUET
    batch_file.parent.mkdir(parents=True, exist_ok=True)
    batch.to_parquet(batch_file, index=False)
    return [parquet, delta, batch_file]
