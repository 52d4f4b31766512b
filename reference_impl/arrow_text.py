"""The pyarrow array behind a pandas text column, for checks pyarrow runs in one pass.

pandas 3 keeps text columns (``str``) in pyarrow. A whole-column question such as "is
every id printable" or "which category is this" is answered by a pyarrow compute kernel
several times faster than by pandas' object-level paths; a column held another way (numbers,
Python objects) gets ``None`` here and the caller keeps its general path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa


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
