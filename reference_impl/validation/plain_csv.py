"""A fast path for the common CSV file: no quotes, no blank lines, no padded cells.

:func:`~reference_impl.validation.reader.parse_table` checks a file cell by cell in Python,
which is what gives every malformed file its own sentence, and costs seconds per million
rows. Most files it sees are plain: written by pandas, Spark or a database export, with no
quoted field, no blank line and no cell that starts or ends with white space. For such a
file, pyarrow's CSV reader (C++) splits the rows, and the same rules (a blank cell is
missing, a column of plain numbers is numeric, anything else stays text) are applied with
vectorised regular expressions.

:func:`parse_plain` returns ``None`` whenever the file is not plain or anything is unusual
(a ragged row, bytes that are not UTF-8, a number pyarrow would read differently), and the
caller goes on with the cell-by-cell reader: that reader still decides every error and its
message. When it returns a frame, the frame is the one the cell-by-cell reader builds
(tested on generated files and on files planted with each exception).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Sequence

import numpy as np
import pandas as pd

from reference_impl.arrow_text import Strings, all_match
from reference_impl.validation.lexical import NUMBER

STRIP_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""Every character ``str.strip()`` removes (``str.isspace()``; a test checks the list against
all of Unicode, which took 0.2 s at every import when it was computed here)."""
_SPACE = "[" + "".join(f"\\x{{{ord(char):x}}}" for char in STRIP_SPACES) + "]"
"""The same characters as an RE2 character class."""
PADDED = f"^{_SPACE}|{_SPACE}$"
"""A cell that ``str.strip()`` would change: the cell-by-cell reader handles those."""
PLAIN_NUMBER = f"^(?:{NUMBER.pattern})$"
PLAIN_INTEGER = "^[+-]?[0-9]+$"
"""A column of these becomes int64 (pyarrow refuses ``+5`` and beyond int64: pandas decides)."""
_SAMPLE = 4096
_FEW = 256
"""A text column whose first :data:`_SAMPLE` cells hold at most this many distinct values is
looked at one distinct value at a time (a category: a handful of values in a million cells)."""


class _LeftToPandas(Exception):
    """A column pyarrow would convert differently from pandas: the slow reader decides it."""


def _is_plain(raw: bytes) -> bool:
    """Whether the bytes hold no quote, no blank line and no CR outside a CRLF ending."""
    return (
        b'"' not in raw
        and (b"\r" not in raw or raw.count(b"\r") == raw.count(b"\r\n"))
        and b"\n\n" not in raw
        and b"\n\r\n" not in raw
        and not raw.startswith((b"\n", b"\r\n"))
    )


def _all_digits(column: Strings) -> bool:
    """Whether every cell is ASCII digits and nothing else (a few of ``PLAIN_INTEGER``'s).

    One pass of pyarrow's ``ascii_is_decimal``, several times cheaper than the regular
    expression it spares; a blank, a sign or any other character answers ``False``.
    """
    import pyarrow.compute as pc

    return pc.all(pc.ascii_is_decimal(column)).as_py() is True


def _any_padded(column: Strings) -> bool:
    """Whether a cell starts or ends with a character ``str.strip()`` removes.

    A column that looks like a category (few distinct values in its first cells) is asked
    through its distinct values, a handful of strings instead of every cell.
    """
    import pyarrow.compute as pc

    values = column
    if len(column) > _SAMPLE and len(pc.unique(column.slice(0, _SAMPLE))) <= _FEW:
        values = pc.unique(column)
    return bool(pc.any(pc.match_substring_regex(values, PADDED)).as_py())


def _numeric(column: Strings, blank: Strings) -> np.ndarray | None:
    """The column as numbers, or ``None`` if one present cell is not a plain number.

    Raises:
        _LeftToPandas: For integers pyarrow refuses, which pandas converts its own way.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    blanks = bool(pc.any(blank).as_py())
    present = column.filter(pc.invert(blank)) if blanks else column
    if not all_match(present.slice(0, 256), PLAIN_NUMBER):  # text, told from a few cells
        return None
    integers = not blanks and (
        _all_digits(column)
        or (all_match(column.slice(0, 256), PLAIN_INTEGER) and all_match(column, PLAIN_INTEGER))
    )
    if not integers and not all_match(present, PLAIN_NUMBER):
        return None
    values = pc.if_else(blank, pa.scalar(None, pa.string()), column) if blanks else column
    numbers = cast_numbers(values, integers=integers)
    if numbers is None:
        raise _LeftToPandas
    return numbers


def cast_numbers(values: Strings, *, integers: bool) -> np.ndarray | None:
    """Convert plain-number text to numbers: the one conversion both CSV readers use.

    Both readers convert with pyarrow so that a file gives the same floats whichever reader
    took it (pandas' own parser and pyarrow's can differ in the last bit, e.g. ``3e23``).

    Args:
        values: A pyarrow string array of plain numbers, null for a blank cell.
        integers: Every cell is an integer and none is blank: convert to int64, not float64.

    Returns:
        The numbers, or ``None`` where pyarrow refuses (``+5`` as an integer, beyond int64)
        and the caller leaves the conversion to pandas.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        numbers = pc.cast(values, pa.int64() if integers else pa.float64())
    except pa.ArrowInvalid:
        return None
    return numbers.to_numpy(zero_copy_only=False)


def _text(column: Strings, blank: Strings) -> pd.Series:
    """The column as pandas text (``str``), missing for a blank cell."""
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.if_else(blank, pa.scalar(None, pa.string()), column).to_pandas()


def _header(raw: bytes) -> tuple[bytes, list[str]] | None:
    """The bytes without a byte order mark and the header, or ``None`` if not plain."""
    content = raw.removeprefix(codecs.BOM_UTF8)
    if not _is_plain(content):
        return None
    first_break = content.find(b"\n")
    if first_break < 0:  # a header alone: no rows to read fast
        return None
    try:
        header = content[:first_break].removesuffix(b"\r").decode("utf-8").split(",")
    except UnicodeDecodeError:
        return None
    if len(set(header)) != len(header):
        return None
    return content, header


def _options(header: list[str], block_size: int | None = None) -> dict[str, object]:
    """The options for pyarrow: every cell read as text, exactly as written, no quoting."""
    import pyarrow as pa
    from pyarrow import csv as arrow_csv

    read = arrow_csv.ReadOptions(column_names=header, skip_rows=1)
    if block_size is not None:
        read.block_size = block_size
    return {
        "read_options": read,
        "parse_options": arrow_csv.ParseOptions(quote_char=False, newlines_in_values=False),
        "convert_options": arrow_csv.ConvertOptions(
            column_types=dict.fromkeys(header, pa.string()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    }


def _frame(
    header: list[str], columns: Sequence[Strings], start: int, text: Sequence[str]
) -> pd.DataFrame | None:
    """Typed columns as a frame whose index starts at row ``start``, or ``None``."""
    import pyarrow.compute as pc

    count = len(columns[0]) if columns else 0
    index = pd.Index(np.arange(start, start + count, dtype=np.int64))
    typed: dict[str, pd.Series] = {}
    for name, column in zip(header, columns, strict=True):
        limit = csv.field_size_limit()  # in characters; a cell has at least as many bytes
        if pc.max(pc.binary_length(column)).as_py() > limit and (
            pc.max(pc.utf8_length(column)).as_py() > limit
        ):
            return None  # the csv module refuses such a cell: the slow reader says so
        blank = pc.equal(column, "")
        numbers = None
        if name not in text and not pc.all(blank).as_py():
            try:
                numbers = _numeric(column, blank)
            except _LeftToPandas:
                return None
        if numbers is not None:  # plain numbers hold no white space
            typed[name] = pd.Series(numbers, index=index)
        elif _any_padded(column):
            return None  # the cell-by-cell reader strips it
        else:
            typed[name] = pd.Series(_text(column, blank).array, index=index)
    return pd.DataFrame(typed, index=index)


def parse_plain(raw: bytes, *, text: Sequence[str] = ()) -> tuple[list[str], pd.DataFrame] | None:
    """Parse a plain CSV file the way the cell-by-cell reader would, or say it cannot.

    Args:
        raw: The file's bytes.
        text: Columns kept as text even when every cell is a number.

    Returns:
        The header and the rows (index: line number minus 2), or ``None`` when the file is
        not plain or anything in it is left to the cell-by-cell reader.
    """
    import pyarrow as pa
    from pyarrow import csv as arrow_csv

    plain = _header(raw)
    if plain is None:
        return None
    content, header = plain
    try:
        table = arrow_csv.read_csv(io.BytesIO(content), **_options(header))
    except pa.ArrowInvalid:  # ragged rows, bytes that are not UTF-8: the slow reader says
        return None
    if table.num_rows == 0:
        return None
    frame = _frame(header, table.columns, 0, text)
    return None if frame is None else (header, frame)


class NotPlain(Exception):
    """A part of the file is not plain: read the whole file with :func:`parse_table` instead."""


def plain_chunks(
    raw: bytes, *, text: Sequence[str] = (), block_size: int = 8 << 20
) -> tuple[list[str], Iterator[pd.DataFrame]] | None:
    """Parse a plain CSV file a block of bytes at a time, to keep memory bounded.

    Each frame is typed on its own (a column of integers in one part may be floats in the
    next, when that part has a blank): check and use each part by itself.

    Args:
        raw: The file's bytes.
        text: Columns kept as text even when every cell is a number.
        block_size: Bytes of the file per part.

    Returns:
        The header and an iterator of frames (index: line number minus 2), or ``None`` when
        the file is not plain.

    Raises:
        NotPlain: From the iterator, when a later part is not plain (read the whole file).
    """
    plain = _header(raw)
    if plain is None:
        return None
    content, header = plain

    def frames() -> Iterator[pd.DataFrame]:
        import pyarrow as pa
        from pyarrow import csv as arrow_csv

        start = 0
        try:
            for batch in arrow_csv.open_csv(io.BytesIO(content), **_options(header, block_size)):
                frame = _frame(header, batch.columns, start, text)
                if frame is None:
                    raise NotPlain
                start += batch.num_rows
                yield frame
        except pa.ArrowInvalid:
            raise NotPlain from None

    return header, frames()
