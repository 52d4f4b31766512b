"""The pyarrow array behind a pandas text column, for checks pyarrow runs in one pass.

pandas 3 keeps text columns (``str``) in pyarrow. A whole-column question such as "is
every id printable" or "which category is this" is answered by a pyarrow compute kernel
several times faster than by pandas' object-level paths; a column held another way (numbers,
Python objects) gets ``None`` here and the caller keeps its general path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

Strings = Union["pa.Array", "pa.ChunkedArray"]
"""A column of text as pyarrow holds it: one array, or the chunks of a table's column."""


def arrow_strings(values: pd.Series) -> pa.Array | None:
    """The column's pyarrow string array, or ``None`` when pyarrow does not hold it as text.

    Args:
        values: A pandas column.

    Returns:
        Its strings as one pyarrow array (missing cells are nulls), or ``None``.
    """
    import pandas as pd
    import pyarrow as pa

    if not isinstance(values.array, pd.arrays.ArrowStringArray):
        return None
    return pa.array(values.array)


def all_match(values: Strings, pattern: str) -> bool:
    """Whether every present cell matches ``pattern`` (RE2 syntax), in one pyarrow pass.

    Args:
        values: Strings as pyarrow holds them.
        pattern: The regular expression, usually anchored with ``^`` and ``$``.

    Returns:
        ``False`` as well when no cell is present.
    """
    import pyarrow.compute as pc

    return bool(pc.all(pc.match_substring_regex(values, pattern)).as_py())
