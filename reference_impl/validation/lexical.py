"""What a plain number and a usable identifier look like, written out instead of left to Python.

``float()`` accepts far more than a data file should hold: ``1_280`` (a Python literal),
``１２`` (full-width digits), ``inf`` and ``nan``; pandas turns ``True``/``False`` into
``1``/``0``. A numeric cell here is ASCII digits with an optional sign, decimal point and
exponent, nothing else. An identifier is text that is not blank and holds no control
character (a NUL or a line break inside an id joins nothing downstream).
"""

from __future__ import annotations

import re

import pandas as pd

# --8<-- [start:plain-number]
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
"""A plain decimal number in ASCII: ``12``, ``-3.5``, ``.5``, ``1e3``."""
# --8<-- [end:plain-number]

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BAD_ID_IN_LINES = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]|(?:^|\n)[^\S\n]*(?:\n|$)")
"""In ids joined by line breaks: a control character other than the joins, or a blank id."""
_PRINTABLE_ID = r"^[\x20-\x7e]*[\x21-\x7e][\x20-\x7e]*$"
"""An id of printable ASCII with at least one character that is not a space (RE2 syntax)."""


def not_numbers(values: pd.Series) -> pd.Series:
    """Which present cells of a numeric column are not plain numbers.

    Args:
        values: A column as read (numbers, text, booleans or missing).

    Returns:
        A boolean mask, ``True`` for a cell that is present and not a plain number (booleans,
        ``1_280``, full-width digits, ``inf``, any other text).
    """
    if pd.api.types.is_bool_dtype(values.dtype):
        return pd.Series(True, index=values.index)
    if pd.api.types.is_numeric_dtype(values.dtype):
        return pd.Series(False, index=values.index)

    def bad(cell: object) -> bool:
        if cell is None or (isinstance(cell, float) and pd.isna(cell)):
            return False
        if isinstance(cell, bool):
            return True
        if isinstance(cell, int | float):
            return False
        return not NUMBER.fullmatch(str(cell).strip())

    return values.map(bad).astype(bool)


def unusable_ids(values: pd.Series) -> pd.Series:
    """Which present ids are blank or hold a control character (NUL, tab, line break).

    Args:
        values: The id column, as text.

    Returns:
        A boolean mask, ``True`` for an id that cannot identify a row.
    """
    if _all_printable_ascii(values):
        return pd.Series(False, index=values.index)
    present = values[values.notna()]
    if pd.api.types.infer_dtype(present, skipna=False) == "string":
        joined = "\n".join(present.to_numpy(dtype=object))  # one scan, not one call per id
        if joined.count("\n") == len(present) - 1 and not _BAD_ID_IN_LINES.search(joined):
            return pd.Series(False, index=values.index)

    def bad(cell: object) -> bool:
        if cell is None or (isinstance(cell, float) and pd.isna(cell)):
            return False
        text = str(cell)
        return not text.strip() or bool(_CONTROL.search(text))

    return values.map(bad).astype(bool)


def _all_printable_ascii(values: pd.Series) -> bool:
    """Whether every present id is printable ASCII and not blank, asked of pyarrow in one pass.

    Such an id is usable; any other column (numbers, objects, an id with a character outside
    ASCII or a control character) gets ``False`` and is looked at cell by cell.
    """
    from reference_impl.arrow_text import all_match, arrow_strings

    strings = arrow_strings(values)
    return strings is not None and all_match(strings, _PRINTABLE_ID)
