"""Read a CSV file and catch the mistakes that happen before any column can be checked.

An empty file, bytes that are not UTF-8, a ``;``-separated export and a header with the
same column twice all reach pandas in a form it accepts silently (one wide column, renamed
``x.1`` duplicates, mojibake). This module stops each one with a sentence that says what
to fix.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from reference_impl.validation.errors import DataValidationError

_OTHER_DELIMITERS = (";", "\t", "|")


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = raw[exc.start]
        line = raw[: exc.start].count(b"\n") + 1
        raise DataValidationError(
            str(path),
            [f"not UTF-8 text: byte 0x{byte:02x} on line {line}; save the file as UTF-8"],
        ) from None


def _check_header(path: Path, header: list[str]) -> None:
    if len(header) == 1:
        found = [sep for sep in _OTHER_DELIMITERS if sep in header[0]]
        if found:
            shown = "tab" if found[0] == "\t" else repr(found[0])
            raise DataValidationError(
                str(path),
                [
                    f"only one column found and the header contains {shown}: wrong delimiter? "
                    "expected comma-separated values"
                ],
            )
    duplicates = sorted(name for name, count in Counter(header).items() if count > 1)
    if duplicates:
        raise DataValidationError(
            str(path), [f"duplicate column name(s) in the header: {', '.join(duplicates)}"]
        )


# --8<-- [start:read-table]
def read_table(
    path: Path,
    *,
    required: Sequence[str],
    label: str | None = None,
    allowed_extra: Sequence[str] = (),
    text: Sequence[str] = (),
) -> pd.DataFrame:
    """Read a comma-separated UTF-8 file whose header names exactly the expected columns.

    Args:
        path: The CSV file.
        required: Columns that must be present.
        label: Label column, required too; reported on its own when missing.
        allowed_extra: Columns that may be present but are not required.
        text: Columns kept as text, e.g. ids like ``00123`` that would otherwise become numbers.

    Returns:
        The rows, with pandas' type inference (checked later by :func:`validate_frame`).

    Raises:
        DataValidationError: If the file is missing or empty, is not UTF-8, uses another
            delimiter, repeats a column, lacks a column or has an unexpected one.
    """
    if not path.is_file():
        raise DataValidationError(str(path), ["file not found"])
    content = _decode(path, path.read_bytes())
    if not content.strip():
        raise DataValidationError(str(path), ["file is empty"])
    header = next(csv.reader(io.StringIO(content)))
    _check_header(path, header)
    problems = []
    if label is not None and label not in header:
        problems.append(f"missing label column {label!r}")
    missing = [name for name in required if name not in header]
    if missing:
        problems.append(f"missing column(s): {', '.join(missing)}")
    expected = {*required, *allowed_extra, *([label] if label else [])}
    unexpected = [name for name in header if name not in expected]
    if unexpected:
        problems.append(f"unexpected column(s): {', '.join(unexpected)}")
    if problems:
        raise DataValidationError(str(path), problems)
    return pd.read_csv(io.StringIO(content), dtype=dict.fromkeys(text, str))
    # --8<-- [end:read-table]
