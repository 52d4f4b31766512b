"""Where batch scoring reads from and writes to when the data lives in a lake.

Input: a folder of CSV files (one mini-batch item per file), a Parquet file or a folder of
Parquet files, or a Delta table folder (read whole, as one item); names starting with ``.`` or
``_`` are skipped, as Spark and pyarrow skip them. Output: Parquet in a folder
partitioned by run date (``run_date=YYYY-MM-DD``), the Hive layout that Spark, Fabric,
Power BI and pyarrow read as a column.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reference_impl.paths import is_folder
from reference_impl.validation.formats import DELTA_LOG
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
    """
    if not is_folder(source):  # a file; if it is missing or unreadable, the reader says why
        return [str(source)] if source.suffix.lower() in {".csv", ".parquet"} else []
    if is_folder(source / DELTA_LOG):
        return [str(source)]  # a Delta table is read whole, at its latest version
    csv = _listed(source, source.iterdir(), ".csv")
    return csv or _listed(source, source.rglob("*"), ".parquet")
    # --8<-- [end:input-items]


def _listed(root: Path, paths: Iterable[Path], suffix: str) -> list[str]:
    """The files ending in ``suffix`` (any case), without hidden ones, in a stable order.

    A name under ``root`` that starts with ``.`` or ``_`` is hidden, as Spark and pyarrow
    (which ``train`` reads a Parquet folder with) treat it: a writer's unfinished side file,
    ``_SUCCESS`` or ``_temporary``, or the ``._`` twin macOS leaves beside each copied file.
    A folder is never an item itself (Spark names its output folder ``name.parquet``): its
    files are.
    """
    return sorted(
        str(path)
        for path in paths
        if path.suffix.lower() == suffix
        and not any(part.startswith((".", "_")) for part in path.relative_to(root).parts)
        and not path.is_dir()
    )


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
