"""Figures taken on a seeded sample of a large table, and on every row of a small one.

Permutation importance scores at most ``importance.MAX_ROWS`` holdout rows; the training metric
is taken on at most ``train.TRAINING_SCORE_ROWS`` training rows.
"""

from __future__ import annotations

import pandas as pd
import pytest

from reference_impl.config import load_config
from reference_impl.contract import load_contract
from reference_impl.data import TRAINING_DATA
from reference_impl.modeling import importance
from reference_impl.modeling.estimator import build_pipeline
from reference_impl.modeling.packaging import LoadedModel
from reference_impl.modeling.row_sample import seeded_sample
from reference_impl.modeling.task_metrics import task_score
from reference_impl.steps import train

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


@pytest.mark.parametrize("rows", [300, 900])
def test_the_training_metric_takes_a_seeded_sample_of_a_large_table(
    monkeypatch, frame, model, rows
):
    monkeypatch.setattr(train, "TRAINING_SCORE_ROWS", 500)
    features, labels = frame[CONTRACT.feature_names].head(rows), frame[CONTRACT.label].head(rows)
    found = train.training_score(model.estimator, CONTRACT, features, labels, 0.35, seed=3)

    def score(kept_features, kept_labels):
        probability = model.estimator.predict_proba(kept_features)[:, 1]
        return task_score(CONTRACT, kept_labels, probability, 0.35, model.classes)

    every_row = score(features, labels)
    if rows <= 500:
        assert found == pytest.approx(every_row)
    else:
        kept = seeded_sample(features, labels, 500, 3)
        assert len(kept[0]) == len(kept[1]) == 500
        assert found == pytest.approx(score(*kept))
        assert found != pytest.approx(every_row)  # the sample's figure, not the whole table's
