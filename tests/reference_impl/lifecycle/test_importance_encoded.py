"""Permutation importance on the encoded matrix gives scikit-learn's numbers, to the last bit."""

from __future__ import annotations

import pandas as pd
import pytest

from reference_impl.config import load_config
from reference_impl.contract import load_contract
from reference_impl.data import TRAINING_DATA
from reference_impl.modeling import importance
from reference_impl.modeling.estimator import build_pipeline
from reference_impl.modeling.fast_path import FastEncoder
from reference_impl.modeling.packaging import LoadedModel

CONTRACT = load_contract()


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return pd.read_csv(TRAINING_DATA)


def both_ways(frame: pd.DataFrame, estimator: str, params: dict) -> tuple[LoadedModel, ...]:
    """The same fitted pipeline loaded with its numpy encoder and without it."""
    train = frame.head(6000)
    pipeline = build_pipeline(CONTRACT, estimator=estimator, params=params, seed=0).fit(
        train[CONTRACT.feature_names], train[CONTRACT.label]
    )
    encoder = FastEncoder.from_pipeline(pipeline, CONTRACT)
    assert encoder is not None
    return LoadedModel(pipeline, CONTRACT, 0.35, encoder=encoder), LoadedModel(
        pipeline, CONTRACT, 0.35
    )


@pytest.mark.parametrize(
    ("estimator", "params"),
    [
        (load_config("dev").model.estimator, load_config("dev").model.params),
        ("sklearn.linear_model.LogisticRegression", {}),
    ],
)
@pytest.mark.parametrize("scoring", ["roc_auc", "recall"])
def test_the_encoded_shuffles_match_scikit_learn(frame, estimator, params, scoring) -> None:
    encoded, plain = both_ways(frame, estimator, params)
    holdout = frame.tail(1500)
    features, labels = holdout[CONTRACT.feature_names], CONTRACT.labels(holdout)
    fast = importance.feature_importance(encoded, features, labels, seed=7, scoring=scoring)
    assert fast == importance.feature_importance(plain, features, labels, seed=7, scoring=scoring)
    assert any(record[f"{scoring}_drop"] > 0.01 for record in fast)  # shuffles that matter


def test_the_sample_and_a_column_the_model_ignores_match_too(frame, monkeypatch) -> None:
    monkeypatch.setattr(importance, "MAX_ROWS", 500)  # 900 rows: a seeded sample of 500
    encoded, plain = both_ways(frame, "sklearn.linear_model.LogisticRegression", {})
    holdout = frame.tail(900)
    features = holdout[CONTRACT.feature_names].assign(ignored=range(900))
    labels = CONTRACT.labels(holdout)
    fast = importance.feature_importance(encoded, features, labels, seed=3, repeats=3)
    assert fast == importance.feature_importance(plain, features, labels, seed=3, repeats=3)
    ignored = next(record for record in fast if record["feature"] == "ignored")
    assert ignored["roc_auc_drop"] == 0.0 and ignored["std"] == 0.0


def test_a_nullable_number_moves_its_value_and_its_empty_flag_together(frame) -> None:
    """Shuffling a raw column with gaps shuffles both columns it encodes to, as one."""
    from tests.reference_impl.scoring.test_fast_path import NULLABLE, with_gaps

    gaps = with_gaps(frame)
    pipeline = build_pipeline(
        NULLABLE, estimator="sklearn.linear_model.LogisticRegression", params={}, seed=0
    ).fit(gaps.head(6000)[NULLABLE.feature_names], gaps.head(6000)[NULLABLE.label])
    encoder = FastEncoder.from_pipeline(pipeline, NULLABLE)
    assert encoder is not None and encoder.gaps is not None
    encoded = LoadedModel(pipeline, NULLABLE, 0.35, encoder=encoder)
    plain = LoadedModel(pipeline, NULLABLE, 0.35)
    holdout = gaps.tail(1500)
    features, labels = holdout[NULLABLE.feature_names], NULLABLE.labels(holdout)
    fast = importance.feature_importance(encoded, features, labels, seed=7)
    assert fast == importance.feature_importance(plain, features, labels, seed=7)
