"""Name the kind of a file that was passed as CSV but is not text, from its first bytes.

A compressed export (``customers.csv.gz`` from a copy activity or a Spark job), an Excel
workbook or a Parquet file without its ``.parquet`` suffix is read as CSV, because a name that
does not end in ``.parquet`` means CSV here (see :mod:`.formats`); its bytes are not UTF-8,
and "byte 0x8b on line 1" would send the reader looking for an encoding problem.
"""

from __future__ import annotations

SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (
        b"\x1f\x8b",
        "is gzip-compressed, not CSV text; decompress it first (gunzip) or pass the data "
        "as Parquet",
    ),
    (
        b"PK\x03\x04",
        "is a ZIP archive (an .xlsx workbook is one), not CSV text; save the sheet as "
        "'CSV UTF-8' or unzip the file",
    ),
    (b"PAR1", "holds Parquet data, not CSV text; give the file a .parquet suffix"),
)
"""The first bytes of each kind of file, and what to say of it."""


def other_kind(raw: bytes) -> str | None:
    """What a file that is not UTF-8 text is instead, when its first bytes tell.

    Args:
        raw: The file's bytes.

    Returns:
        A sentence without the file's name, or ``None`` when the bytes start like none of the
        known kinds.
    """
    return next((said for magic, said in SIGNATURES if raw.startswith(magic)), None)
