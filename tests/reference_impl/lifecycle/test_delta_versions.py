"""``data.version``: train on a recorded version of a Delta table, and what stops it.

A registered model names the Delta version it read (``data_version``); setting ``data.version``
reads that version again however the table has moved on since. A version the table no longer
has, or one set for data that has no versions, stops the run at ``validate`` with exit 4 and
registers nothing.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from reference_impl.data import TRAINING_DATA, TRAINING_DELTA, TRAINING_PARQUET
from tests.reference_impl.lifecycle.conftest import WEAKER, train
from tests.reference_impl.lifecycle.test_lake_formats import COLUMN_MAPPING, assert_refused


def version_tags(workdir: Path, version: int) -> dict[str, str]:
    """The tags of model version ``version`` in ``workdir``'s MLflow store."""
    with contextlib.closing(sqlite3.connect(workdir / "mlflow.db")) as store:
        rows = store.execute(
            "SELECT key, value FROM model_version_tags WHERE version = ?", (version,)
        ).fetchall()
    return dict(rows)


def test_a_recorded_version_trains_on_the_same_rows_after_the_table_moved_on(
    tmp_path: Path,
) -> None:
    from deltalake import write_deltalake

    table = tmp_path / "customers"
    shutil.copytree(TRAINING_DELTA, table)
    workdir = tmp_path / "work"
    first = train(workdir, "--data", str(table), *WEAKER)
    assert first.exit_code == 0, first.err
    assert "validate: 10000 rows (Delta table version 1)" in first.out
    recorded = version_tags(workdir, 1)
    assert recorded["data_version"] == "1"
    more = pd.read_csv(TRAINING_DATA, dtype={"customer_id": str}).head(500)
    write_deltalake(table, more.assign(customer_id="N" + more["customer_id"]), mode="append")
    again = train(workdir, "--data", str(table), "--set", "data.version=1", *WEAKER)
    assert again.exit_code == 0, again.err
    assert "validate: 10000 rows (Delta table version 1)" in again.out
    retrained = version_tags(workdir, 2)
    assert retrained["data_version"] == "1"
    assert retrained["data_sha256"] == recorded["data_sha256"]
    latest = train(workdir, "--data", str(table), *WEAKER)  # unset: the newest, 10,500 rows
    assert "validate: 10500 rows (Delta table version 2)" in latest.out


def vacuumed_table(folder: Path, configuration: dict[str, str] | None = None) -> Path:
    """A table whose version 0 was overwritten and vacuumed: its files are gone."""
    from deltalake import DeltaTable, write_deltalake

    table = folder / "customers"
    rows = pd.read_csv(TRAINING_DATA, dtype={"customer_id": str})
    write_deltalake(table, rows.head(5000), configuration=configuration)
    write_deltalake(table, rows, mode="overwrite")
    DeltaTable(table).vacuum(retention_hours=0, enforce_retention_duration=False, dry_run=False)
    return table


REFUSED = {
    "newer-than-the-table": (
        lambda folder: TRAINING_DELTA,
        "5",
        "data.version is 5, but the table's newest version is 1",
    ),
    "vacuumed": (
        vacuumed_table,
        "0",
        "the data files of version 0 are gone (VACUUM removes the files older versions need",
    ),
    "vacuumed-column-mapping": (  # read by another engine (see _delta_rows): same sentence
        lambda folder: vacuumed_table(folder, COLUMN_MAPPING),
        "0",
        "the data files of version 0 are gone (VACUUM removes the files older versions need",
    ),
    "csv": (
        lambda folder: TRAINING_DATA,
        "0",
        "data.version is 0, but this is a CSV file: only a Delta table has versions",
    ),
    "parquet": (
        lambda folder: TRAINING_PARQUET,
        "0",
        "data.version is 0, but this is Parquet data: only a Delta table has versions",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_version_the_data_cannot_give_stops_the_run(tmp_path: Path, case: str) -> None:
    make, version, sentence = REFUSED[case]
    data = make(tmp_path)
    run = train(tmp_path / "work", "--data", str(data), "--set", f"data.version={version}")
    assert_refused(run, f"{data}: 1 problem(s)\n  - {sentence}", tmp_path / "work")
