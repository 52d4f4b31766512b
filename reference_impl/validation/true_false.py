"""One column of true and false, however the file spells it.

Spark writes a boolean to CSV as ``true``/``false``, pandas and Python as ``True``/``False``,
Excel and Power BI as ``TRUE``/``FALSE``, and Parquet or Delta keep a typed boolean. A
contract's true/false category (:attr:`~reference_impl.contract.Feature.true_false`) takes
them all: each is rewritten to the contract's own spelling before the rows are checked, so
the model sees the two values it was trained on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from reference_impl.contract import DataContract


def spell_true_false(frame: pd.DataFrame, contract: DataContract) -> pd.DataFrame:
    """``frame`` with every true/false category column in the contract's spelling.

    Args:
        frame: Rows as read; a column may hold booleans or text.
        contract: The data contract.

    Returns:
        The same frame when nothing needs rewriting; otherwise a copy. Values that are
        neither true nor false in any spelling (and missing values) are left as they are,
        for the contract's checks to report.
    """
    rewritten: dict[str, pd.Series] = {}
    for feature in contract.features:
        spelling = feature.true_false
        if not spelling or feature.name not in frame:
            continue
        values = frame[feature.name]
        lowered = values.astype("string").str.lower()  # True -> "true"; a missing value stays
        known = lowered.isin(spelling.keys()) & values.notna()
        if not known.any():
            continue
        spelled = lowered.map(spelling).astype(object)
        if values[known].astype(object).eq(spelled[known]).all():
            continue  # written as the contract spells it already
        rewritten[feature.name] = spelled.where(known, values.astype(object))
    return frame.assign(**rewritten) if rewritten else frame


LABEL_WORDS: tuple[tuple[str, str], ...] = (
    ("false", "true"),
    ("no", "yes"),
    ("f", "t"),
    ("n", "y"),
)
"""The pairs of words a binary label may be written in (any case): the first is 0, the second 1.

``yes``/``no`` is how many exports write a flag, such as the label of IBM's Telco sample;
PostgreSQL writes a boolean as ``t``/``f`` (``COPY`` and ``psql``), and SAS, Oracle and
SQL Server tables often keep a flag as ``Y``/``N``.
"""

LABEL_WORDS_SHOWN = ", ".join(f"{zero}/{one}" for zero, one in LABEL_WORDS)
"""The pairs as a message lists them: ``false/true, no/yes, ...``."""


def zero_one(values: pd.Series) -> pd.Series | None:
    """A binary label written as true and false (or yes and no, ...), as 0 and 1; else ``None``.

    A lake table types such a label as boolean, and Spark's CSV export of the same table
    writes ``true``/``false``: both are read as ``False`` = 0 and ``True`` = 1, the way a 0/1
    column would be; ``no`` is 0 and ``yes`` is 1 likewise (:data:`LABEL_WORDS`). One column
    keeps to one pair of words. A numeric column, and text holding anything else, are left to
    the contract's checks.

    Args:
        values: The label column as read.

    Returns:
        0.0 and 1.0 (a missing value stays missing), or ``None``.
    """
    import pandas as pd

    if pd.api.types.is_bool_dtype(values):
        return values.astype("float64")
    if pd.api.types.is_numeric_dtype(values):
        return None
    present = values.dropna()
    if not len(present) or not present.map(lambda value: isinstance(value, str | bool)).all():
        return None
    lowered = values.astype("string").str.lower()
    written = lowered.dropna()
    for words in LABEL_WORDS:
        if written.isin(words).all():
            return lowered.map({words[0]: 0.0, words[1]: 1.0}).astype("float64")
    return None
