"""Where batch scoring reads from and writes to when the data lives in a lake.

Input: a folder of CSV files (one mini-batch item per file), a Parquet file or a folder of
Parquet files, or a Delta table folder (read whole, as one item); names starting with ``.`` or
``_`` are skipped, as Spark and pyarrow skip them. Output: Parquet in a folder
partitioned by run date (``run_date=YYYY-MM-DD``), the Hive layout that Spark, Fabric,
Power BI and pyarrow read as a column.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reference_impl.paths import is_folder
from reference_impl.validation.errors import DataValidationError
from reference_impl.validation.formats import (
    DELTA_LOG,
    data_files,
    mixed_formats_problem,
)
from reference_impl.whole_file import whole_file

if TYPE_CHECKING:
    import pandas as pd

PARTITION = "run_date"


# --8<-- [start:input-items]
def input_items(source: Path) -> list[str]:
    """The files (or tables) batch scoring reads, in a stable order.

    Args:
        source: A CSV or Parquet file, a folder of CSV or Parquet files, or a Delta table.

    Returns:
        One path per mini-batch item; empty when nothing scorable is there. A path that is
        no folder is listed when its name ends in ``.csv`` or ``.parquet``: reading it then
        says whether it is missing or unreadable.

    Raises:
        DataValidationError: For a folder that holds CSV and Parquet files both.
    """
    if not is_folder(source):  # a file; if it is missing or unreadable, the reader says why
        return [str(source)] if source.suffix.lower() in {".csv", ".parquet"} else []
    if is_folder(source / DELTA_LOG):
        return [str(source)]  # a Delta table is read whole, at its latest version
    csv, parquet = data_files(source)
    if problem := mixed_formats_problem(source, csv, parquet):
        raise DataValidationError(str(source), [problem])
    top = [path for path in csv if path.parent == source]  # a CSV folder is read flat
    return [str(path) for path in top or parquet]
    # --8<-- [end:input-items]


# --8<-- [start:write-partition]
def write_partition(predictions: pd.DataFrame, folder: Path, run_date: date) -> Path:
    """Write one run's predictions as Parquet under ``folder/run_date=<date>/``.

    A rerun on the same date replaces that date's partition and leaves the others alone.
    The new file is written whole before the old files go (a write that fails or is
    stopped leaves the partition as it was).

    Args:
        predictions: The scored rows.
        folder: The predictions folder (or a mounted datastore path).
        run_date: The date of the run; it names the partition.

    Returns:
        The file written.
    """
    target = folder / f"{PARTITION}={run_date.isoformat()}" / "predictions.parquet"
    with whole_file(target) as side:
        predictions.to_parquet(side, index=False)
    for old in target.parent.glob("*.parquet"):
        if old != target:
            old.unlink()
    return target
    # --8<-- [end:write-partition]
