"""Name what a file is, from its bytes, when it is not what its name says.

A compressed export (``customers.csv.gz`` from a copy activity or a Spark job), an Excel
workbook or a Parquet file without its ``.parquet`` suffix is read as CSV, because a name that
does not end in ``.parquet`` means CSV here (see :mod:`.formats`); its bytes are not UTF-8,
and "byte 0x8b on line 1" would send the reader looking for an encoding problem.

The other way round, a file named ``.parquet`` that is not Parquet data (a CSV file given the
suffix, a copy that stopped half-way, an empty file a failed job left) got pyarrow's "Error
creating dataset. Could not read schema from '…'. Is this a 'parquet' file?: … Parquet magic
bytes not found in footer", which names the path three times and says nothing of what the
file is.
"""

from __future__ import annotations

import re
from pathlib import Path

PARQUET_MARK = b"PAR1"
"""The four bytes every Parquet file starts and ends with."""

KINDS: tuple[tuple[bytes, str, str], ...] = (
    (b"\x1f\x8b", "is gzip-compressed", "decompress it first (gunzip) or pass the data as Parquet"),
    (
        b"PK\x03\x04",
        "is a ZIP archive (an .xlsx workbook is one)",
        "save the sheet as 'CSV UTF-8' or unzip the file",
    ),
    (PARQUET_MARK, "holds Parquet data", "give the file a .parquet suffix"),
)
"""The first bytes of each kind of file, what it is, and what to do when it was meant as CSV."""


def other_kind(raw: bytes) -> str | None:
    """What a file that is not UTF-8 text is instead, when its first bytes tell.

    Args:
        raw: The file's bytes.

    Returns:
        A sentence without the file's name, or ``None`` when the bytes start like none of the
        known kinds.
    """
    return next(
        (f"{what}, not CSV text; {todo}" for magic, what, todo in KINDS if raw.startswith(magic)),
        None,
    )


_UNOPENED = re.compile(
    r"Could not open Parquet input source '(?P<file>[^']+)'"
    r"|Failed to fetch metadata for file (?P<object>\S+?): "
)
"""How pyarrow names the file it could not open as Parquet (in a folder: one of its files), and
how deltalake names a file of a table (as an object-store path, without the leading ``/``)."""


def _said_of_parquet(head: bytes, size: int) -> str:
    """What a file named as Parquet holds, from its size and first bytes."""
    if size == 0:
        return "is empty (0 bytes), not Parquet data"
    if head.startswith(PARQUET_MARK):
        return (
            "is cut short: it starts as Parquet data but lacks the footer every Parquet file "
            "ends with (a copy or a job that stopped half-way?); write or copy it again"
        )
    what = next((what for magic, what, _ in KINDS if head.startswith(magic)), None)
    if what is not None:
        return f"{what}, not Parquet data"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return (
            "is not Parquet data: a Parquet file starts and ends with the bytes "
            f"{PARQUET_MARK.decode()}"
        )
    return "holds text, not Parquet data; a CSV file is read when its name ends in .csv"


def not_parquet(path: Path, reason: str) -> str | None:
    """Say what a file is that pyarrow or deltalake could not open as Parquet, or ``None``.

    Args:
        path: The file, folder or Delta table that was read.
        reason: The reader's message.

    Returns:
        A sentence without ``path``'s name (a file of a folder is named relative to it), or
        ``None`` when pyarrow failed for another reason.
    """
    found = _UNOPENED.search(reason)
    if found is None:
        return None
    named = Path(found["file"] or found["object"])
    # relative: as the path was given, or deltalake's object path, which drops the leading /
    candidates = (named,) if named.is_absolute() else (named, Path("/") / named)
    try:
        unopened = next((c for c in candidates if c.is_file()), None)
        if unopened is None:  # never open a pipe: it would wait for a writer
            return None
        size = unopened.stat().st_size
        with unopened.open("rb") as file:
            head = file.read(64)
    except OSError:
        return None
    said = _said_of_parquet(head, size)
    base, unopened = path.resolve(), unopened.resolve()
    if unopened == base:
        return said
    return f"{unopened.relative_to(base) if unopened.is_relative_to(base) else unopened} {said}"
