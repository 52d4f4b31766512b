"""Check a table's column names against the contract, whatever the file's format.

A CSV header, a Parquet schema and a Delta table's columns all go through
:func:`check_columns`, so the same mistake gets the same sentence in every format, and a
name is only ever shown in the short, safe form of :func:`~.display.safe_names`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from reference_impl.validation.display import safe_names
from reference_impl.validation.errors import DataValidationError


def check_columns(
    source: str,
    columns: Sequence[str],
    *,
    required: Sequence[str],
    label: str | None,
    allowed_extra: Sequence[str],
    any_columns: bool = False,
) -> None:
    """Check the names, then that they are exactly the expected columns.

    Args:
        source: The file or table, for the message.
        columns: Its column names, in order.
        required: Columns that must be present.
        label: Label column, required too; reported on its own when missing.
        allowed_extra: Columns that may be present but are not required.
        any_columns: Accept columns beyond the expected ones: only the required ones are
            looked for.

    Raises:
        DataValidationError: A blank or repeated name, no expected column at all (the wrong
            file), or columns missing or unexpected.
    """
    blank = [number for number, name in enumerate(columns, start=1) if not name.strip()]
    if blank:
        trailing = " (a comma at the end of every line?)" if blank == [len(columns)] else ""
        raise DataValidationError(
            source,
            [
                f"the header has {len(blank)} blank column name(s), at position(s) "
                f"{', '.join(map(str, blank[:5]))}{trailing}"
            ],
        )
    duplicates = sorted(name for name, count in Counter(columns).items() if count > 1)
    if duplicates:
        raise DataValidationError(
            source, [f"duplicate column name(s) in the header: {safe_names(duplicates)}"]
        )
    expected = {*required, *allowed_extra, *([label] if label else [])}
    if expected and not expected.intersection(columns):
        raise DataValidationError(
            source,
            [
                f"the first line names none of the expected columns ({len(columns)} name(s), "
                "not shown); is this the data file?"
            ],
        )
    problems = []
    if label is not None and label not in columns:
        problems.append(f"missing label column {label!r}")
    missing = [name for name in required if name not in columns and name != label]
    if missing:
        problems.append(f"missing column(s): {', '.join(missing)}")
    unexpected = [] if any_columns else [name for name in columns if name not in expected]
    if unexpected:
        problems.append(f"unexpected column(s): {safe_names(unexpected)}")
    if problems:
        raise DataValidationError(source, problems)
