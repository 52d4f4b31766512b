"""The numpy fast path gives exactly the pipeline's output, and steps aside when it cannot."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from reference_impl.contract import load_contract, parse_contract
from reference_impl.data.generate import PRICE_RISE_AND_OUTAGE, DataFile, generate
from reference_impl.modeling.estimator import build_pipeline
from reference_impl.modeling.fast_path import FastEncoder
from reference_impl.modeling.packaging import LoadedModel
from reference_impl.scoring.request import RequestParser

CONTRACT = load_contract()

TRAIN = generate(DataFile("train.csv", rows=3_000, seed=11, id_prefix="T", labelled=True))
ROWS = generate(
    DataFile(
        "many.csv", rows=5_000, seed=12, id_prefix="M", labelled=False, drift=PRICE_RISE_AND_OUTAGE
    )
)
NAMES = CONTRACT.feature_names


ESTIMATORS = {
    "sklearn.ensemble.HistGradientBoostingClassifier": {"max_iter": 60, "learning_rate": 0.1},
    "sklearn.linear_model.LogisticRegression": {"max_iter": 500},
    "lightgbm.LGBMClassifier": {"n_estimators": 40, "verbose": -1},
    "xgboost.XGBClassifier": {"n_estimators": 40, "max_depth": 3},
}


def fitted(estimator: str):
    pipeline = build_pipeline(CONTRACT, estimator=estimator, params=ESTIMATORS[estimator], seed=0)
    return pipeline.fit(TRAIN[NAMES], TRAIN[CONTRACT.label])


@pytest.fixture(scope="module", params=list(ESTIMATORS))
def pipeline(request: pytest.FixtureRequest):
    return fitted(request.param)


def test_encoder_matrix_is_the_column_transformer_output(pipeline) -> None:
    encoder = FastEncoder.from_pipeline(pipeline, CONTRACT)
    assert encoder is not None
    expected = pipeline[0].transform(ROWS[NAMES])
    rows = list(ROWS[NAMES].itertuples(index=False, name=None))
    assert np.array_equal(encoder.frame(ROWS), expected)
    assert np.array_equal(encoder.rows(rows), expected)


def test_fast_probabilities_are_identical_on_many_rows(pipeline) -> None:
    model = LoadedModel(
        pipeline, CONTRACT, 0.35, encoder=FastEncoder.from_pipeline(pipeline, CONTRACT)
    )
    expected = pipeline.predict_proba(ROWS[NAMES])[:, 1]
    assert np.array_equal(model.probability(ROWS), expected)  # batch: from a frame
    body = json.dumps({"data": ROWS[NAMES].head(1_000).to_dict(orient="records")})
    rows = RequestParser(CONTRACT).rows(body)  # online: from a request, through JSON
    assert np.array_equal(model.probability_of_rows(rows), expected[:1_000])
    for index in range(50):  # one row at a time, as a one-row request is scored
        one = pipeline.predict_proba(ROWS[NAMES].iloc[[index]])[:, 1]
        assert np.array_equal(model.probability_of_rows(rows[index : index + 1]), one)


def test_unknown_category_encodes_as_zeros_like_the_pipeline(pipeline) -> None:
    frame = ROWS.head(5).copy()
    frame.loc[0, "plan"] = "platinum"
    encoder = FastEncoder.from_pipeline(pipeline, CONTRACT)
    assert np.array_equal(encoder.frame(frame), pipeline[0].transform(frame[NAMES]))


@pytest.mark.parametrize("held_as", ["str", object], ids=["pyarrow-text", "python-objects"])
def test_categories_encode_alike_however_pandas_holds_the_text(pipeline, held_as) -> None:
    frame = ROWS.head(300).astype({f.name: held_as for f in CONTRACT.categorical})
    frame.loc[0, "plan"] = "platinum"  # unknown: all zeros
    frame.loc[1, "region"] = None  # missing: all zeros, as the encoder treats an unknown
    frame.loc[2, "contract"] = "Month-to-month "  # a category with a space is another value
    expected = pipeline[0].transform(frame[NAMES])
    assert np.array_equal(FastEncoder.from_pipeline(pipeline, CONTRACT).frame(frame), expected)


def test_other_pipeline_shapes_fall_back_to_the_pipeline() -> None:
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import MinMaxScaler, OrdinalEncoder

    categorical = [f.name for f in CONTRACT.categorical]
    numeric = [f.name for f in CONTRACT.numeric]
    other = Pipeline(
        [
            (
                "encode",
                ColumnTransformer(
                    [("c", OrdinalEncoder(), categorical), ("n", MinMaxScaler(), numeric)]
                ),
            ),
            ("model", HistGradientBoostingClassifier(max_iter=5)),
        ]
    ).fit(TRAIN[NAMES], TRAIN[CONTRACT.label])
    assert FastEncoder.from_pipeline(other, CONTRACT) is None
    model = LoadedModel(other, CONTRACT, 0.5)
    rows = list(ROWS[NAMES].head(20).itertuples(index=False, name=None))
    expected = other.predict_proba(ROWS[NAMES].head(20))[:, 1]
    assert np.array_equal(model.probability_of_rows(rows), expected)
    assert np.array_equal(model.probability(ROWS.head(20)), expected)


def test_parser_types_match_a_frame_of_the_same_rows() -> None:
    body = json.dumps({"data": ROWS[NAMES].head(3).to_dict(orient="records")})
    rows = RequestParser(CONTRACT).rows(body)
    frame = pd.DataFrame.from_records(rows, columns=NAMES)
    for feature in CONTRACT.features:
        kind = {"integer": int, "number": float, "category": str}[feature.kind]
        assert all(type(value) is kind for value in frame[feature.name].tolist())


GAPS = ("data_usage_gb", "age", "tenure_months", "plan")
NULLABLE = parse_contract(
    {**CONTRACT.model_dump(mode="json"), "features": [
        {**f.model_dump(mode="json"), "nullable": f.name in GAPS} for f in CONTRACT.features]},
    "nullable contract",
)  # fmt: skip


def with_gaps(frame: pd.DataFrame) -> pd.DataFrame:
    """Empty cells in three nullable features; ``tenure_months`` (nullable too) keeps none."""
    frame = frame.copy()
    frame.loc[frame.index % 9 == 4, "data_usage_gb"] = None
    frame.loc[frame.index % 13 == 6, "age"] = None
    frame.loc[frame.index % 7 == 3, "plan"] = None  # a category: encoded as none of them
    return frame


@pytest.mark.parametrize("estimator", list(ESTIMATORS)[:2])
def test_nullable_numbers_are_filled_and_flagged_as_the_pipeline_does(estimator: str) -> None:
    train = with_gaps(TRAIN)
    pipeline = build_pipeline(NULLABLE, estimator=estimator, params=ESTIMATORS[estimator], seed=0)
    pipeline.fit(train[NAMES], train[CONTRACT.label])
    encoder = FastEncoder.from_pipeline(pipeline, NULLABLE)
    assert encoder is not None and encoder.gaps is not None
    assert len(encoder.gaps.flags) == 2  # tenure_months had no gap in training: no flag
    rows = with_gaps(ROWS)
    rows.loc[0, "tenure_months"] = None  # a gap training never saw: filled, not flagged
    expected = pipeline[0].transform(rows[NAMES])
    tuples = list(rows[NAMES].astype(object).where(rows[NAMES].notna(), np.nan).itertuples(
        index=False, name=None))  # fmt: skip
    assert np.array_equal(encoder.frame(rows), expected)
    assert np.array_equal(encoder.rows(tuples), expected)
    model = LoadedModel(pipeline, NULLABLE, 0.35, encoder=encoder)
    assert np.array_equal(model.probability(rows), pipeline.predict_proba(rows[NAMES])[:, 1])
