"""Permutation importance scores at most MAX_ROWS holdout rows, and all of a smaller holdout."""

from __future__ import annotations

import pandas as pd
import pytest

from reference_impl.config import load_config
from reference_impl.contract import load_contract
from reference_impl.data import TRAINING_DATA
from reference_impl.modeling import importance
from reference_impl.modeling.estimator import build_pipeline
from reference_impl.modeling.packaging import LoadedModel

CONTRACT = load_contract()


class CountingModel(LoadedModel):
    """The loaded model, noting how many rows each scoring call gets."""

    def scores(self, rows):
        object.__getattribute__(self, "calls").append(len(rows))
        return super().scores(rows)


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return pd.read_csv(TRAINING_DATA)


@pytest.fixture(scope="module")
def model(frame: pd.DataFrame) -> CountingModel:
    config = load_config("dev")
    pipeline = build_pipeline(
        CONTRACT, estimator=config.model.estimator, params=config.model.params, seed=0
    ).fit(frame[CONTRACT.feature_names], frame[CONTRACT.label])
    counting = CountingModel(pipeline, CONTRACT, 0.35)
    object.__setattr__(counting, "calls", [])
    return counting


@pytest.mark.parametrize(("rows", "scored"), [(300, 300), (900, 500)])
def test_each_shuffle_scores_at_most_max_rows(monkeypatch, frame, model, rows, scored):
    monkeypatch.setattr(importance, "MAX_ROWS", 500)
    model.calls.clear()
    found = importance.feature_importance(
        model, frame[CONTRACT.feature_names].head(rows), frame[CONTRACT.label].head(rows),
        seed=0, repeats=2,
    )  # fmt: skip
    assert {record["feature"] for record in found} == set(CONTRACT.feature_names)
    # the baseline, then each feature twice, all on the same number of rows
    assert model.calls == [scored] * (1 + 2 * len(CONTRACT.feature_names))
