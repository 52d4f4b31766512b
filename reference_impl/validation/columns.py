"""Check a table's column names against the contract, whatever the file's format.

A CSV header, a Parquet schema and a Delta table's columns all go through
:func:`check_columns`, so the same mistake gets the same sentence in every format, and a
name is only ever shown in the short, safe form of :func:`~.display.safe_names`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from reference_impl.validation.display import MAX_NAMES, safe_names
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
        DataValidationError: A blank or repeated name, no expected column at all, not even
            but for case or spaces (the wrong file), or columns missing or unexpected.
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
    absent = [name for name in ([label] if label else []) + list(required) if name not in columns]
    # an optional column under another case is named too, where it would be unexpected
    optional = [] if any_columns else [name for name in allowed_extra if name not in columns]
    renamed = near_misses([*absent, *optional], columns)
    if expected and not expected.intersection(columns) and not renamed:
        raise DataValidationError(
            source,
            [
                f"the first line names none of the expected columns ({len(columns)} name(s), "
                "not shown); is this the data file?"
            ],
        )
    problems = []
    if renamed:
        pairs = [f"{_as_found(found, name)} should be {name!r}" for name, found in renamed.items()]
        more = f" and {len(pairs) - MAX_NAMES} more" if len(pairs) > MAX_NAMES else ""
        problems.append(
            f"column name(s) differing only in case or spaces: {', '.join(pairs[:MAX_NAMES])}"
            f"{more} (names must match exactly)"
        )
    if label is not None and label not in columns and label not in renamed:
        problems.insert(0, f"missing label column {label!r}")
    missing = [name for name in absent if name != label and name not in renamed]
    if missing:
        problems.append(f"missing column(s): {', '.join(missing)}")
    taken = set(renamed.values())
    unexpected = (
        []
        if any_columns
        else [name for name in columns if name not in expected and name not in taken]
    )
    if unexpected:
        problems.append(f"unexpected column(s): {safe_names(unexpected)}")
    if problems:
        raise DataValidationError(source, problems)


def near_misses(names: Sequence[str], columns: Sequence[str]) -> dict[str, str]:
    """The columns that are an expected name but for case or spaces at their ends.

    A header exported as ``Age`` or ``age `` (a spreadsheet's trailing space) is the column
    the contract calls ``age``; saying so is more use than "missing age, unexpected Age".

    Args:
        names: Expected names the table lacks.
        columns: The table's column names.

    Returns:
        Expected name -> the column that matches it loosely, for each name that has one.
    """
    loose: dict[str, str] = {}
    for column in columns:
        loose.setdefault(column.strip().casefold(), column)
    return {name: loose[name.casefold()] for name in names if name.casefold() in loose}


def _as_found(found: str, name: str) -> str:
    """A near-miss column name as a message shows it: quoted, with its spaces visible."""
    if len(found) <= len(name) + 8:
        return ascii(found)
    return f"{found.strip()!a} (with {len(found) - len(found.strip())} spaces around it)"
