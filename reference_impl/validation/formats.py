"""Read training or scoring data stored as Parquet (a file or a folder) or as a Delta table.

A CSV file goes through :mod:`reference_impl.validation.reader`; everything columnar comes
here. The format is told by the path: a folder holding ``_delta_log`` is a Delta table, read
with the ``deltalake`` package (no Spark); any other folder, or a ``.parquet`` file, is read
with pyarrow. The columns are checked the way the CSV reader checks a header, and the rows
then go through the same :func:`~reference_impl.validation.schema.validate_frame` as a CSV.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd

from reference_impl.paths import is_folder
from reference_impl.validation.columns import check_columns
from reference_impl.validation.delta_log import DELTA_LOG, has_deletion_vectors
from reference_impl.validation.errors import DataValidationError
from reference_impl.validation.file_kinds import not_parquet
from reference_impl.validation.parquet_folder import uneven_columns
from reference_impl.validation.positions import COLUMNAR

if TYPE_CHECKING:
    import pyarrow as pa
    from deltalake import DeltaTable

Format = Literal["csv", "parquet", "delta"]
DELTA_FILE = re.compile(r"^part-\d{5}-[0-9a-f-]{36}-c\d{3}(\.\w+)?\.parquet$")
"""How Delta writers (Spark, delta-rs) name data files."""


def is_columnar(path: Path) -> bool:
    """Whether ``path`` is read here rather than by the CSV reader of one file.

    Args:
        path: A data file or folder.

    Returns:
        ``True`` for a folder (Delta table, Parquet files or CSV parts) or a ``.parquet`` file.
    """
    return is_folder(path) or path.suffix.lower() == ".parquet"


def delta_part_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read on its own: it lies inside a Delta table; else ``None``.

    Args:
        path: A data file (a data file or a log file of a table), or a folder inside a table
            (such as one partition).

    Returns:
        One sentence naming the nearest enclosing table, or ``None``.
    """
    for folder in path.parents:
        table = folder.parent if folder.name == DELTA_LOG else folder
        if folder.name == DELTA_LOG or (folder / DELTA_LOG).is_dir():
            return (
                f"is a file of the Delta table {table}: read alone, a table's files hold rows "
                "of earlier versions too; pass the table folder, which is read at its latest "
                "version"
            )
    return None


def visible_files(root: Path, paths: Iterable[Path], suffix: str) -> list[Path]:
    """The files among ``paths`` ending in ``suffix`` (any case), without hidden ones, sorted.

    A name under ``root`` that starts with ``.`` or ``_`` is hidden, as Spark and pyarrow
    (which ``train`` reads a Parquet folder with) treat it: a writer's unfinished side file,
    ``_SUCCESS`` or ``_temporary``, or the ``._`` twin macOS leaves beside each copied file.
    A folder is never listed (Spark names its output folder ``name.parquet``): its files are.

    Args:
        root: The folder the paths lie in.
        paths: Paths under ``root``.
        suffix: Such as ``.csv``, lower case.

    Returns:
        The matching files, in a stable order.
    """
    return sorted(
        path
        for path in paths
        if path.suffix.lower() == suffix
        and not any(part.startswith((".", "_")) for part in path.relative_to(root).parts)
        and not path.is_dir()
    )


def data_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """The visible CSV files and Parquet files anywhere below ``folder``, in one walk.

    Args:
        folder: A data folder.

    Returns:
        The CSV files and the Parquet files (:func:`visible_files`).
    """
    everything = list(folder.rglob("*"))
    return visible_files(folder, everything, ".csv"), visible_files(folder, everything, ".parquet")


def mixed_formats_problem(folder: Path, csv: list[Path], parquet: list[Path]) -> str | None:
    """Why ``folder`` is no one kind of data: it holds CSV files and Parquet files; else ``None``.

    Read as Parquet, such a folder failed on its first CSV file; batch scoring read its CSV
    files and skipped every Parquet file without a word. Which files are the data (or whether
    both are exports of the same rows) only the person who filled the folder knows.

    Args:
        folder: A data folder that is no Delta table.
        csv: Its CSV files, and
        parquet: its Parquet files (:func:`data_files`).

    Returns:
        One sentence naming a file of each kind, or ``None``.
    """
    if not (csv and parquet):
        return None
    return (
        f"holds {len(csv)} CSV and {len(parquet)} Parquet file(s), such as "
        f"{csv[0].relative_to(folder)} and {parquet[0].relative_to(folder)}: keep one format "
        "per folder, so that no rows are read twice or skipped"
    )


# --8<-- [start:detect-format]
def detect_format(path: Path) -> Format:
    """Tell the format of a data path.

    Args:
        path: A CSV or Parquet file, a folder of CSV or Parquet files, or a Delta table folder.

    Returns:
        ``delta`` for a folder with a ``_delta_log``; ``parquet`` for a ``.parquet`` file or a
        folder of them; ``csv`` for a folder of CSV files (such as a Spark export) and for
        any other file.

    Raises:
        DataValidationError: For a folder that is no Delta table and holds neither Parquet
            nor CSV files, that holds both, or that holds a Delta table's data files without
            its ``_delta_log``; for a file of a Delta table (a data file or a log file), which
            read alone would give rows a later version removed.
    """
    if not is_folder(path):
        if problem := delta_part_problem(path):  # e.g. the files a batch endpoint lists
            raise DataValidationError(str(path), [problem])
        return "parquet" if path.suffix.lower() == ".parquet" else "csv"
    if (path / DELTA_LOG).is_dir():
        return "delta"
    csv, files = data_files(path)  # one walk serves both checks below
    if problem := mixed_formats_problem(path, csv, files):
        raise DataValidationError(str(path), [problem])
    if any(DELTA_FILE.match(f.name) for f in files):
        raise DataValidationError(
            str(path),
            [
                f"holds Delta data files (part-…-c000) but no {DELTA_LOG} folder: without the "
                "log, files a later version removed would be read too; copy the whole table"
            ],
        )
    if files:
        return "parquet"
    if csv:  # such as the part files of a Spark CSV export: see csv_folder.py
        return "csv"
    raise DataValidationError(
        str(path),
        [
            f"is a folder but not a Delta table (no {DELTA_LOG} folder) and it holds no "
            ".parquet or .csv files; pass a Delta table folder, a folder of Parquet or CSV "
            "files, or one such file"
        ],
    )
    # --8<-- [end:detect-format]


DELETION_VECTORS = (
    "its log marks deleted rows with deletion vectors, which the deltalake reader cannot apply "
    "yet (Databricks writes them on a DELETE, UPDATE or MERGE once 'Auto-enable deletion "
    "vectors' has turned the feature on); pass a Parquet export of the table's current "
    "version, or a copy created with delta.enableDeletionVectors = false"
)
"""Why a table whose log holds deletion vectors is refused, and what to pass instead.

deltalake cannot apply them (delta-io/delta-rs#1094); reading the files without the vectors
would bring back rows the table has deleted. A table with the feature on and no vector in
its log (:func:`~reference_impl.validation.delta_log.has_deletion_vectors`) is read.
"""


UNSUPPORTED_FEATURES = re.compile(r"Unsupported table features required: \[(?P<names>[^\]]*)\]")
"""How deltalake says a table needs features it cannot read (``[VacuumProtocolCheck]``)."""


def unsupported_features(names: str) -> str:
    """Why a table whose protocol needs table features deltalake lacks cannot be read.

    Databricks can add such features to a table (``vacuumProtocolCheck``, or
    ``typeWidening`` when type widening is turned on); deltalake's own sentence ("External
    error: Transaction failed: Unsupported table features required: [VacuumProtocolCheck]")
    said nothing of what to do.
    """
    spelled = (n.strip()[:1].lower() + n.strip()[1:] for n in names.split(",") if n.strip())
    named = ", ".join(sorted(spelled))  # deltalake lists them in no fixed order
    return (
        f"its protocol requires the table feature(s) {named}, which the deltalake reader "
        "does not support yet; pass a Parquet export of the table's current version"
    )


NO_COMMIT = (
    f"its {DELTA_LOG} folder holds no commit, so the table has no version to read (a first "
    "write that failed, or a copy made without the log's files); write or copy the table again"
)
"""Why a folder with an empty ``_delta_log`` cannot be read (deltalake: "Generic delta kernel
error: No files in log segment")."""


class DeletionVectorsError(Exception):
    """A Delta table's log holds deletion vectors; the message is :data:`DELETION_VECTORS`."""


def not_versioned(version: int, fmt: str, *, folder: bool = False) -> str:
    """Why ``data.version`` cannot apply to data of format ``fmt`` (a file or ``folder``)."""
    kind = ("a folder of CSV files" if folder else "a CSV file") if fmt == "csv" else "Parquet data"
    return (
        f"data.version is {version}, but this is {kind}: only a Delta table has versions "
        "(leave data.version unset)"
    )


def _vacuumed(version: int) -> str:
    """Why version ``version`` cannot be read when the log names files that are gone."""
    return (
        f"the data files of version {version} are gone (VACUUM removes the files older "
        "versions need once the retention period has passed): train on a version the "
        "table still keeps, or on a registered data asset version"
    )


def _beyond_newest(path: Path, version: int) -> str | None:
    """Why version ``version`` cannot be read, if it is newer than the table's newest."""
    from deltalake import DeltaTable

    try:
        newest = DeltaTable(path).version()
    except Exception:  # the table itself cannot be read: the reader's sentence says why
        return None
    if version > newest:
        return f"data.version is {version}, but the table's newest version is {newest}"
    return None


def _delta_rows(path: Path, table: DeltaTable) -> pa.Table:
    """The rows of one version of a Delta table, with the column names the table declares.

    deltalake has two readers, and this uses its DataFusion engine, not its pyarrow one. A
    table with column mapping (``delta.columnMapping.mode``, turned on to rename or drop a
    column without rewriting files, or to allow spaces in names) stores its columns under
    physical names: ``col-6b7b…`` in a table created with mapping, the old name after a
    rename. The pyarrow reader does not map them back, and on the protocol such tables get
    (reader 2, writer 5) it read each such column as null, so a table of real rows failed as
    "10000 empty value(s)" in each column (delta-io/delta-rs#930). It
    also refuses reader features it lacks, such as ``v2Checkpoint``. On one partition the
    engine gives the rows in the order of the table's files, the order the pyarrow reader
    gave, so a version read again has the ``data_sha256`` it was registered with. Its text
    columns (``string_view``) become plain Arrow strings.

    Args:
        path: The table's folder.
        table: The version to read.

    Raises:
        DeletionVectorsError: If the log marks rows deleted with deletion vectors (refused
            before reading); a table with the feature on but no vector is read.
        FileNotFoundError: If a file the version needs is gone (``VACUUM``).
    """
    import pyarrow as pa
    from deltalake import QueryBuilder

    features = table.protocol().reader_features or []
    if "deletionVectors" in features and has_deletion_vectors(path):
        raise DeletionVectorsError(DELETION_VECTORS)
    gone = next((uri for uri in table.file_uris() if not Path(uri).exists()), None)
    if gone:  # said as the pyarrow reader said it (the engine's sentence names its store)
        raise FileNotFoundError(gone)
    query = QueryBuilder({"datafusion.execution.target_partitions": "1"})
    rows = pa.table(query.register("version", table).execute("SELECT * FROM version").read_all())
    kinds = [pa.large_string() if pa.types.is_string_view(f.type) else f.type for f in rows.schema]
    return rows.cast(
        pa.schema(pa.field(f.name, k) for f, k in zip(rows.schema, kinds, strict=True))
    )


def _read_arrow(path: Path, fmt: Format, version: int | None):
    """Read the whole table and its Delta version, turning reader errors into a sentence."""
    import pyarrow.dataset as ds

    try:
        if fmt == "delta":
            from deltalake import DeltaTable

            table = DeltaTable(path, version=version)
            return _delta_rows(path, table), table.version()
        data = ds.dataset(path, format="parquet", partitioning="hive")
        if path.is_dir() and (problem := uneven_columns(data, path)):
            raise DataValidationError(str(path), [problem])
        return data.to_table(), None
    except DataValidationError:
        raise
    except FileNotFoundError:  # with a version asked for: the log names files that are gone
        problem = "file not found" if version is None else _vacuumed(version)
        raise DataValidationError(str(path), [problem]) from None
    except Exception as exc:
        if version is not None and (problem := _beyond_newest(path, version)):
            raise DataValidationError(str(path), [problem]) from None
        kind = "Delta table" if fmt == "delta" else "Parquet data"
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if fmt == "delta" and (features := UNSUPPORTED_FEATURES.search(reason)):
            reason = unsupported_features(features["names"])
        if fmt == "delta" and "No files in log segment" in reason:
            raise DataValidationError(str(path), [NO_COMMIT]) from None
        if said := not_parquet(path, str(exc)):
            raise DataValidationError(str(path), [said]) from None
        raise DataValidationError(str(path), [f"cannot be read as {kind}: {reason}"]) from None


def _numbers_as_written(table: pa.Table, keep: Sequence[str]) -> pa.Table:
    """Decimal and single-precision columns as the float64 of the number they write.

    Spark, Databricks and Fabric store money as ``DECIMAL(p, s)``; pandas would hand those
    over as Python ``Decimal`` objects, which ``contract infer`` could not describe although
    ``train`` accepted them. An id stored as a decimal keeps its digits (``12345``, not
    ``12345.0``; ``keep``: the id columns, kept as written).

    Both casts go through the value's shortest text, which is what a CSV export of the same
    table writes: Arrow's direct decimal-to-float cast is not correctly rounded (``119.96`` as
    ``DECIMAL(10, 2)`` became ``119.96000000000001``), and a ``float`` column (Spark's
    ``FloatType``, a frame downcast to ``float32``) widened as it is holds ``119.95999908447266``.
    Either way a lake table broke a contract range that its own CSV export passed, and
    ``contract infer`` proposed ranges no one wrote.
    """
    import pyarrow as pa

    for index, field in enumerate(table.schema):
        if (pa.types.is_decimal(field.type) or pa.types.is_float32(field.type)) and (
            field.name not in keep
        ):
            as_float = table.column(index).cast(pa.string()).cast(pa.float64())
            table = table.set_column(index, field.name, as_float)
    return table


def cells_as_text(values: pd.Series) -> pd.Series:
    """A column's cells as the text a category is compared with (``3``, ``3.0``); gaps stay.

    How a Parquet column kept as text (an id, a category) reaches the contract's checks, and
    how ``contract infer`` writes the codes of a numeric segment, so both agree by
    construction.

    Args:
        values: A column as pandas read it.

    Returns:
        ``str`` of each value, ``None`` for a missing one.
    """
    return values.map(lambda v: None if pd.isna(v) else str(v))


def _holds_text(kind: pa.DataType) -> bool:
    """Whether an Arrow column of this type reaches pandas as text already (no cell to convert)."""
    import pyarrow as pa

    return pa.types.is_string(kind) or pa.types.is_large_string(kind)


# --8<-- [start:read-columnar]
def read_columnar(
    path: Path,
    *,
    required: Sequence[str],
    label: str | None = None,
    allowed_extra: Sequence[str] = (),
    text: Sequence[str] = (),
    version: int | None = None,
    any_columns: bool = False,
) -> pd.DataFrame:
    """Read a Parquet file or folder, or a Delta table, whose columns are exactly the expected.

    Args:
        path: The file or folder.
        required: Columns that must be present.
        label: Label column, required too; reported on its own when missing.
        allowed_extra: Columns that may be present but are not required.
        text: Columns kept as text (ids), whatever type the file stores them as.
        version: Delta table version to read (time travel); ``None`` reads the latest.
        any_columns: Accept columns beyond the expected ones (see ``read_table``).

    Returns:
        The rows, with the file's own column types (checked later by ``validate_frame``);
        for a Delta table, ``frame.attrs["data_version"]`` is the version that was read.

    Raises:
        DataValidationError: If the path cannot be read in its format, or a column is
            missing or unexpected.
    """
    fmt = detect_format(path)
    if version is not None and fmt != "delta":  # only a Delta table has versions
        problem = not_versioned(version, fmt, folder=is_folder(path))
        raise DataValidationError(str(path), [problem])
    if fmt == "csv":  # a folder of CSV parts
        from reference_impl.validation.csv_folder import read_csv_folder

        return read_csv_folder(
            path, data_files(path)[0], required=required, label=label,
            allowed_extra=allowed_extra, text=text, any_columns=any_columns,
        )  # fmt: skip
    table, read_version = _read_arrow(path, fmt, version)
    check_columns(
        str(path),
        table.column_names,
        required=required,
        label=label,
        allowed_extra=allowed_extra,
        any_columns=any_columns,
    )
    frame = _numbers_as_written(table, keep=text).to_pandas()
    for column in text:
        if column in frame and not _holds_text(table.schema.field(column).type):
            frame[column] = cells_as_text(frame[column])
    frame.attrs[COLUMNAR] = True  # a bad cell is named by row, not by CSV line
    if read_version is not None:
        frame.attrs["data_version"] = read_version
    return frame
    # --8<-- [end:read-columnar]


# --8<-- [start:data-reference]
def data_reference(path: Path, rows: bytes, version: int | None = None) -> dict[str, str]:
    """What a registered model records to name the exact data it was trained on.

    Args:
        path: The data that was read.
        rows: The bytes that were checked (the CSV file, or the rows read, as CSV).
        version: The Delta table version that was read (``frame.attrs["data_version"]``).

    Returns:
        ``data_format`` (csv, parquet, delta), ``data_sha256`` of the rows and, for a
        Delta table, ``data_version``: the table version that was read.
    """
    fmt = detect_format(path)
    reference = {"data_format": fmt, "data_sha256": hashlib.sha256(rows).hexdigest()}
    if version is not None:
        reference["data_version"] = str(version)
    return reference
    # --8<-- [end:data-reference]
