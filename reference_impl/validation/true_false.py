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
