"""The committed local lake holds exactly the rows of the CSV sample data, in each format."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from deltalake import DeltaTable

from reference_impl.data import (
    BATCH_PARQUET,
    FRESH_BATCH,
    TRAINING_DATA,
    TRAINING_DELTA,
    TRAINING_PARQUET,
)
from reference_impl.data.generate import main
from reference_impl.data.lake import FIRST_WRITE_ROWS


def same_rows(left: pd.DataFrame, right: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(
        left.reset_index(drop=True), right.reset_index(drop=True), check_dtype=False
    )


def by_id(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(frame.columns[0]).reset_index(drop=True)


def test_parquet_folder_and_batch_file_hold_the_csv_rows() -> None:
    same_rows(pd.read_parquet(TRAINING_PARQUET), pd.read_csv(TRAINING_DATA))
    same_rows(pd.read_parquet(BATCH_PARQUET), pd.read_csv(FRESH_BATCH))


def test_delta_table_has_two_versions_the_latest_equal_to_the_csv() -> None:
    csv = pd.read_csv(TRAINING_DATA)
    assert DeltaTable(TRAINING_DELTA).version() == 1
    same_rows(by_id(DeltaTable(TRAINING_DELTA).to_pandas()), by_id(csv))
    same_rows(
        by_id(DeltaTable(TRAINING_DELTA, version=0).to_pandas()), by_id(csv.head(FIRST_WRITE_ROWS))
    )


def test_the_generator_writes_the_same_lake(tmp_path: Path) -> None:
    assert main(["--output-dir", str(tmp_path)]) == 0
    lake = tmp_path / "lake"
    same_rows(pd.read_parquet(lake / "raw" / "customers"), pd.read_parquet(TRAINING_PARQUET))
    same_rows(
        by_id(DeltaTable(lake / "curated" / "customers").to_pandas()),
        by_id(DeltaTable(TRAINING_DELTA).to_pandas()),
    )
    assert DeltaTable(lake / "curated" / "customers").version() == 1
