"""The vectorised holdout split puts every id where the documented one-id rule puts it."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_impl.steps.prep import holdout_mask, in_holdout, split


@settings(max_examples=200, deadline=None)
@given(ids=st.lists(st.text(max_size=12), max_size=50), percent=st.integers(0, 100))
def test_the_mask_is_the_one_id_rule_for_every_id(ids, percent):
    assert holdout_mask(ids, percent).tolist() == [in_holdout(cid, percent) for cid in ids]


def test_split_keeps_each_row_once_on_its_side():
    frame = pd.DataFrame({"id": [f"C{number:05d}" for number in range(2_000)], "x": range(2_000)})
    train, holdout = split(frame, 20, "id")
    assert sorted([*train.index, *holdout.index]) == list(range(2_000))
    assert all(in_holdout(cid, 20) for cid in holdout["id"])
    assert not any(in_holdout(cid, 20) for cid in train["id"])
    assert 300 < len(holdout) < 500
