"""The committed sample data is exactly what the seeded generator produces, and fits the brief."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from reference_impl.contract import load_contract
from reference_impl.data import DATA_DIR, SAMPLE_REQUEST, TRAINING_DATA
from reference_impl.data.generate import (
    FILES,
    generate,
    main,
    true_probability,
    write_all,
)
from reference_impl.scoring.request import parse_request

CONTRACT = load_contract()


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("regenerated")
    assert main(["--output-dir", str(folder)]) == 0
    return folder


@pytest.mark.parametrize("name", [spec.relative_path for spec in FILES] + ["sample-request.json"])
def test_committed_file_equals_generator_output(regenerated: Path, name: str) -> None:
    assert (DATA_DIR / name).read_bytes() == (regenerated / name).read_bytes()


def test_write_all_lists_what_it_wrote(tmp_path: Path) -> None:
    written = write_all(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "customers.csv", "batch/week-01.csv", "batch/week-02.csv", "sample-request.json",
    ]  # fmt: skip


def test_training_data_size_and_shape() -> None:
    frame = pd.read_csv(TRAINING_DATA)
    assert len(frame) >= 10_000
    assert TRAINING_DATA.stat().st_size <= 5 * 1024 * 1024
    assert list(frame.columns) == [
        CONTRACT.id_column,
        *CONTRACT.feature_names,
        "cancelled",
    ]
    assert 0.2 < frame["cancelled"].mean() < 0.3
    assert set(frame[CONTRACT.segment]) == set(CONTRACT.feature("region").categories)


def test_labels_follow_the_documented_probability() -> None:
    frame = pd.read_csv(TRAINING_DATA)
    probability = true_probability(frame)
    high, low = frame[probability > 0.6], frame[probability < 0.1]
    assert high["cancelled"].mean() > 0.6 > 0.1 > low["cancelled"].mean()


def test_batches_are_unlabelled_and_the_second_is_drifted() -> None:
    week1, week2 = (pd.read_csv(DATA_DIR / spec.relative_path) for spec in FILES[1:])
    assert "cancelled" not in week1.columns and "cancelled" not in week2.columns
    assert week2["monthly_charges"].mean() - week1["monthly_charges"].mean() > 15
    assert week2["support_calls_90d"].mean() > 2 * week1["support_calls_90d"].mean()


def test_sample_request_is_valid_for_the_contract() -> None:
    payload = json.loads(SAMPLE_REQUEST.read_text())
    frame = parse_request(SAMPLE_REQUEST.read_text(), CONTRACT)
    assert len(frame) == len(payload["data"]) == 2


def test_readme_documents_columns_and_seeds() -> None:
    readme = (DATA_DIR / "README.md").read_text()
    for spec in FILES:
        assert f"{spec.seed}" in readme.replace(",", "").replace("_", "")
        assert spec.relative_path in readme
    for feature in CONTRACT.features:
        assert f"`{feature.name}`" in readme


def test_generator_is_deterministic() -> None:
    assert generate(FILES[1]).equals(generate(FILES[1]))


def test_contract_lookup() -> None:
    assert CONTRACT.feature("age").kind == "integer"
    assert [f.name for f in CONTRACT.categorical] == [
        "contract",
        "plan",
        "payment_method",
        "region",
    ]
    with pytest.raises(KeyError):
        CONTRACT.feature("shoe_size")
