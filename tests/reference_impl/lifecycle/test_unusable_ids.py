"""The id check's one-scan path finds exactly the ids the per-cell check finds."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_impl.validation.lexical import _CONTROL, unusable_ids


def per_cell(values: pd.Series) -> list[bool]:
    """The rule, one cell at a time: a present id that is blank or holds a control character."""
    return [
        not (cell is None or (isinstance(cell, float) and pd.isna(cell)))
        and (not str(cell).strip() or bool(_CONTROL.search(str(cell))))
        for cell in values
    ]


IDS = st.one_of(
    st.text(alphabet="ab1 \t\n\r\x00\x1f\u00a0\u3000", max_size=4),
    st.none(),
    st.just(float("nan")),
    st.integers(),
)


@settings(max_examples=500, deadline=None)
@given(ids=st.lists(IDS, max_size=8))
def test_any_ids_are_judged_as_cell_by_cell(ids):
    values = pd.Series(ids, dtype=object)
    assert unusable_ids(values).tolist() == per_cell(values)


@given(ids=st.lists(st.text(alphabet="abc123-_", min_size=1, max_size=5), min_size=1, max_size=8))
def test_ordinary_ids_pass(ids):
    assert not unusable_ids(pd.Series(ids, dtype=object)).any()


PYARROW_EDGES = "ab1 !~\t\n\x00\x1f\x7f\x80\u00e9\u3000"
"""Around the edges of the printable-ASCII pass pyarrow makes over text ids (space, ``!``,
``~``, DEL, the first byte past ASCII) and the characters the per-cell rule tells apart."""


@settings(max_examples=300, deadline=None)
@given(ids=st.lists(st.one_of(st.text(alphabet=PYARROW_EDGES, max_size=4), st.none())))
def test_ids_as_pandas_text_are_judged_as_cell_by_cell(ids):
    values = pd.Series(ids, dtype="str")  # what the CSV readers give an id column
    assert unusable_ids(values).tolist() == per_cell(values)
