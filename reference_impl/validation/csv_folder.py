"""Read a folder of CSV part files, such as a Spark or Databricks CSV export, as one table.

``df.write.csv(path, header=True)`` leaves a folder of ``part-…-c000.csv`` files beside
``_SUCCESS`` and ``.crc`` checksums, and a data team's export often arrives that way. Each
visible part is read as a CSV file is (:func:`~reference_impl.validation.reader.parse_table`:
its header, delimiter, quoting and UTF-8 are checked part by part), in name order, and the
parts must name the same columns. A part written without a header (Spark's default) is named
as such rather than reported as a header of unexpected columns. A bad cell is then named by
its row in the folder, counted from 1 part after part, as for a Delta table.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from reference_impl.validation.errors import DataValidationError
from reference_impl.validation.lexical import NUMBER
from reference_impl.validation.parquet_folder import column_difference
from reference_impl.validation.positions import COLUMNAR

NO_HEADER = (
    "its first line holds values, not column names: its parts have no header (Spark writes "
    "CSV parts without one unless told), so which column a value is stays unknown; write the "
    'folder again with .option("header", True), or as Parquet'
)
"""Why a folder of header-less CSV parts cannot be read: which columns the values are is unknown."""


def _first_line(raw: bytes) -> list[str]:
    """The cells of the first line of a part, for the header check (no quoting needed there)."""
    line = raw.split(b"\n", 1)[0].decode("utf-8", errors="replace").strip("\r\ufeff")
    return [cell.strip().strip('"') for cell in line.split(",")]


def _headerless(cells: list[str], expected: set[str], *, any_columns: bool) -> bool:
    """Whether a first line holds values rather than column names.

    With known columns, it names none of them. With any columns (``contract infer``, which
    knows the id column only), it names none it knows and one of its cells is a number: a
    header of a year column (``2024``) beside the id is a header.
    """
    names_none = not expected & set(cells)
    if any_columns or not expected:
        return names_none and any(NUMBER.fullmatch(cell) for cell in cells)
    return names_none


def read_csv_folder(
    folder: Path,
    parts: Sequence[Path],
    *,
    required: Sequence[str],
    label: str | None = None,
    allowed_extra: Sequence[str] = (),
    text: Sequence[str] = (),
    any_columns: bool = False,
) -> pd.DataFrame:
    """Read the CSV parts of ``folder`` as one table (see the module docstring).

    Args:
        folder: The folder, named in messages about the whole of it.
        parts: Its visible ``.csv`` files, in the order they are read.
        required: Columns every part must hold.
        label: Label column, required too.
        allowed_extra: Columns a part may hold but need not.
        text: Columns kept as text.
        any_columns: Accept whatever columns the first part names (``contract infer``).

    Returns:
        The rows of every part, part after part, marked as counted by row.

    Raises:
        DataValidationError: If every part is empty, a part has no header, a part is no
            well-formed CSV with the expected columns, or the parts name other columns.
    """
    from reference_impl.validation.reader import parse_table, read_source

    expected = {*required, *([label] if label else []), *text}
    frames: list[pd.DataFrame] = []
    first: tuple[Path, list[str]] | None = None  # the first part with a header, and its columns
    for part in parts:
        raw = read_source(part)
        if not raw:  # Spark writes an empty file for an empty partition
            continue
        if first is None and _headerless(_first_line(raw), expected, any_columns=any_columns):
            raise DataValidationError(str(folder), [NO_HEADER])
        frame = parse_table(
            raw, str(part), required=required, label=label, allowed_extra=allowed_extra,
            text=text, any_columns=any_columns,
        )  # fmt: skip
        if first is None:
            first = (part, list(frame.columns))
        elif set(frame.columns) != set(first[1]):
            problem = column_difference(
                part.relative_to(folder), set(frame.columns),
                first[0].relative_to(folder), set(first[1]),
            )  # fmt: skip
            raise DataValidationError(str(folder), [problem])
        if len(frame):  # a part of a header alone adds no rows (nor its columns' blank types)
            frames.append(frame[first[1]])
    if not frames:
        raise DataValidationError(str(folder), [f"its {len(parts)} .csv file(s) hold no rows"])
    rows = pd.concat(frames, ignore_index=True)
    rows.attrs[COLUMNAR] = True  # a bad cell is named by its row in the folder
    return rows
