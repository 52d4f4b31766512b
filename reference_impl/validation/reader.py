"""Read a CSV file and catch the mistakes that happen before any column can be checked.

An empty file, bytes that are not UTF-8 (a compressed file or a workbook among them), a
``;``-separated export, a header with the same column twice or a blank name, a ragged row, an
unterminated quote and CR-only line endings all reach pandas in a form it accepts silently or
answers with a traceback (one wide column, renamed ``x.1`` duplicates, mojibake,
``Unnamed: 12``). This module stops each one with a sentence that says what to fix.

The file is read once (:func:`read_source`) and everything after works on those bytes
(:func:`parse_table`), so what is checked is exactly what a caller keeps. Messages never
echo cell values, and header names only in a short, safe form (see :mod:`.display`).
"""

from __future__ import annotations

import csv
import io
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

import pandas as pd

from reference_impl.validation.columns import check_columns
from reference_impl.validation.errors import DataValidationError
from reference_impl.validation.file_kinds import other_kind
from reference_impl.validation.formats import (
    delta_part_problem,
    is_columnar,
    read_columnar,
)
from reference_impl.validation.lexical import NUMBER
from reference_impl.validation.plain_csv import (
    PLAIN_INTEGER,
    cast_numbers,
    parse_plain,
    plain_chunks,
)

_OTHER_DELIMITERS = (";", "\t", "|")


# --8<-- [start:read-source]
def read_source(path: Path) -> bytes:
    """Read a data file's bytes once, turning every way a read can fail into a sentence.

    Args:
        path: The data file.

    Returns:
        Its bytes, read in one call: check these and keep these.

    Raises:
        DataValidationError: If the path is missing (or vanished), a folder, not a regular
            file, a file of a Delta table (such as its log), or cannot be read.
    """
    source = str(path)
    if problem := delta_part_problem(path):
        raise DataValidationError(source, [problem])
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise DataValidationError(source, ["is a folder, not a file; pass the data file"])
        if not stat.S_ISREG(mode):
            raise DataValidationError(source, ["is not a regular file (a device or a pipe?)"])
        return path.read_bytes()
    except FileNotFoundError:
        raise DataValidationError(source, ["file not found"]) from None
    except IsADirectoryError:
        raise DataValidationError(source, ["is a folder, not a file; pass the data file"]) from None
    except PermissionError:
        raise DataValidationError(source, ["cannot read the file: permission denied"]) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise DataValidationError(source, [f"cannot read the file: {reason}"]) from None
        # --8<-- [end:read-source]


def _decode(source: str, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if said := other_kind(raw):
            raise DataValidationError(source, [said]) from None
        byte = raw[exc.start]
        line = raw[: exc.start].count(b"\n") + 1
        raise DataValidationError(
            source,
            [f"not UTF-8 text: byte 0x{byte:02x} on line {line}; save the file as UTF-8"],
        ) from None


def _check_delimiter(source: str, header: list[str]) -> None:
    """Refuse a header read as one column that holds another delimiter (``;``, tab)."""
    if len(header) == 1:
        found = [sep for sep in _OTHER_DELIMITERS if sep in header[0]]
        if found:
            shown = "tab" if found[0] == "\t" else repr(found[0])
            raise DataValidationError(
                source,
                [
                    f"only one column found and the header contains {shown}: wrong delimiter? "
                    "expected comma-separated values"
                ],
            )


def _rows(source: str, content: str) -> tuple[list[str], list[list[str]], list[int]]:
    """Split ``content`` into header, rows and the line number each row ends on."""
    if "\r" in content and "\n" not in content:
        raise DataValidationError(
            source, ["line endings are CR only (old Mac format); save with LF or CRLF endings"]
        )
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    last = 0  # the line the previous record ended on
    try:
        header = next(reader)
        last = reader.line_num
        for row in reader:
            if row:  # a blank line holds no row (as pandas reads it)
                rows.append(row)
                lines.append(reader.line_num)
            last = reader.line_num
    except csv.Error as exc:
        start = last + 1
        raise DataValidationError(
            source, [f"not valid CSV in the row starting on line {start}: {exc} (a stray quote?)"]
        ) from None
    ragged = [
        (line, len(row)) for line, row in zip(lines, rows, strict=True) if len(row) != len(header)
    ]
    if ragged:
        _check_delimiter(source, header)  # "1,5" splits a ';' row: the delimiter is the cause
        line, width = ragged[0]
        more = f" ({len(ragged)} such lines)" if len(ragged) > 1 else ""
        raise DataValidationError(
            source,
            [f"line {line} has {width} field(s) but the header has {len(header)}{more}"],
        )
    return header, rows, lines


def _typed(column: pd.Series, *, as_text: bool) -> pd.Series:
    """Blank cells become missing; a column whose every value is a plain number becomes numeric.

    Any other column becomes pandas text (``str``), the type the contract's checks give it.
    """
    stripped = column.str.strip()
    blank = stripped == ""
    if as_text:
        return column.where(~blank, None).astype("str")
    present = stripped[~blank]
    if len(present) and present.str.fullmatch(NUMBER).all():
        import pyarrow as pa

        kept = stripped.where(~blank, None)
        integers = not blank.any() and bool(present.str.fullmatch(PLAIN_INTEGER).all())
        strings = pa.array(kept.to_numpy(dtype=object), pa.string())
        numbers = cast_numbers(strings, integers=integers)
        return pd.to_numeric(kept) if numbers is None else pd.Series(numbers, index=column.index)
    return column.where(~blank, None).astype("str")


# --8<-- [start:read-table]
def read_table(
    path: Path,
    *,
    required: Sequence[str],
    label: str | None = None,
    allowed_extra: Sequence[str] = (),
    text: Sequence[str] = (),
    any_columns: bool = False,
) -> pd.DataFrame:
    """Read a comma-separated UTF-8 file whose header names exactly the expected columns.

    Args:
        path: The CSV file.
        required: Columns that must be present.
        label: Label column, required too; reported on its own when missing.
        allowed_extra: Columns that may be present but are not required.
        text: Columns kept as text, e.g. ids like ``00123`` that would otherwise become numbers.
        any_columns: Accept columns beyond the expected ones (a sample whose columns are not
            known yet, for ``contract infer``); the header itself is still checked, and the
            required columns must be there.

    Returns:
        The rows: blank cells are missing, a column of plain numbers is numeric, anything
        else stays text (checked later by :func:`validate_frame`).

    Raises:
        DataValidationError: If the file is missing, unreadable or empty, is not UTF-8 or
            not well-formed CSV (ragged rows, an unclosed quote, CR-only line endings), uses
            another delimiter, has a blank or repeated column name, lacks a column or has an
            unexpected one.
    """
    if is_columnar(path):  # a Parquet file or folder, or a Delta table: see formats.py
        return read_columnar(
            path, required=required, label=label, allowed_extra=allowed_extra, text=text,
            any_columns=any_columns,
        )  # fmt: skip
    return parse_table(
        read_source(path),
        str(path),
        required=required,
        label=label,
        allowed_extra=allowed_extra,
        text=text,
        any_columns=any_columns,
    )


def read_table_parts(
    path: Path,
    *,
    required: Sequence[str],
    allowed_extra: Sequence[str] = (),
    text: Sequence[str] = (),
    block_size: int = 8 << 20,
) -> Iterator[pd.DataFrame] | None:
    """Read a plain CSV file in parts of about ``block_size`` bytes, to keep memory bounded.

    Args:
        path: The CSV file.
        required: Columns that must be present.
        allowed_extra: Columns that may be present but are not required.
        text: Columns kept as text.
        block_size: Bytes of the file per part.

    Returns:
        The parts (see :func:`~reference_impl.validation.plain_csv.plain_chunks`), or ``None``
        for a Parquet or Delta path or a CSV file that is not plain: read it with
        :func:`read_table`.

    Raises:
        DataValidationError: If the file cannot be read or its header is not the expected one.
    """
    if is_columnar(path):
        return None
    plain = plain_chunks(read_source(path), text=text, block_size=block_size)
    if plain is None:
        return None
    header, parts = plain
    _check_columns(str(path), header, required=required, label=None, allowed_extra=allowed_extra)
    return parts


def parse_table(
    raw: bytes,
    source: str,
    *,
    required: Sequence[str],
    label: str | None = None,
    allowed_extra: Sequence[str] = (),
    text: Sequence[str] = (),
    cell_by_cell: bool = False,
    any_columns: bool = False,
) -> pd.DataFrame:
    """Parse the bytes of a CSV file (see :func:`read_table` for the arguments and checks).

    Args:
        raw: The file's bytes, e.g. from :func:`read_source`.
        source: Name of the file, used in messages.
        required: Columns that must be present.
        label: Label column, required too; reported on its own when missing.
        allowed_extra: Columns that may be present but are not required.
        text: Columns kept as text.
        cell_by_cell: Skip the fast path for plain files (:mod:`.plain_csv`), which must
            give the same frame: its tests compare the two.
        any_columns: Accept whatever columns the header names (see :func:`read_table`).

    Returns:
        The rows; the index is the CSV line number minus 2 (the first data line is 0).

    Raises:
        DataValidationError: If the bytes are not a well-formed CSV with the expected header.
    """
    plain = None if cell_by_cell else parse_plain(raw, text=text)
    if plain is not None:  # a plain file: the same frame, read in C++ (see plain_csv.py)
        header, frame = plain
        _check_columns(
            source, header, required=required, label=label, allowed_extra=allowed_extra,
            any_columns=any_columns,
        )  # fmt: skip
        return frame
    content = _decode(source, raw)
    if not content.strip():
        raise DataValidationError(source, ["file is empty"])
    header, rows, lines = _rows(source, content)
    _check_columns(
        source, header, required=required, label=label, allowed_extra=allowed_extra,
        any_columns=any_columns,
    )  # fmt: skip
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    frame.index = pd.Index([line - 2 for line in lines])
    return pd.DataFrame(
        {name: _typed(frame[name].astype(object), as_text=name in text) for name in header},
        index=frame.index,
    )
    # --8<-- [end:read-table]


def _check_columns(
    source: str,
    header: list[str],
    *,
    required: Sequence[str],
    label: str | None,
    allowed_extra: Sequence[str],
    any_columns: bool = False,
) -> None:
    """Check a CSV header: its delimiter, then what every format's columns are checked for.

    With ``any_columns``, other columns are welcome: only the required ones are looked for.
    """
    _check_delimiter(source, header)
    check_columns(
        source, header, required=required, label=label, allowed_extra=allowed_extra,
        any_columns=any_columns,
    )  # fmt: skip
