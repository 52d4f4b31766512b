"""The batch driver scores a plain CSV file in parts, with the answers of a file read whole.

Parts keep memory bounded; they must not change a score, and they must not change an error:
a problem in any part, or an id repeated across parts, gets the message of the whole file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from reference_impl.config import load_config
from reference_impl.contract import load_contract
from reference_impl.data import TRAINING_DATA
from reference_impl.data.generate import DataFile, generate
from reference_impl.modeling.estimator import build_pipeline
from reference_impl.modeling.packaging import save_model
from reference_impl.scoring import batch_driver
from reference_impl.validation import DataValidationError, read_table, validate_frame
from reference_impl.validation.reader import read_table_parts

CONTRACT = load_contract()
COLUMNS = {
    "required": [CONTRACT.id_column, *CONTRACT.feature_names],
    "allowed_extra": [CONTRACT.label],
    "text": [CONTRACT.id_column],
}
PART_BYTES = 16 << 10  # about 200 rows per part


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The batch driver, initialised with a pipeline fitted on the sample data."""
    folder = tmp_path_factory.mktemp("model")
    config = load_config("dev")
    frame = pd.read_csv(TRAINING_DATA)
    features = frame[CONTRACT.feature_names]
    pipeline = build_pipeline(
        CONTRACT, estimator=config.model.estimator, params=config.model.params, seed=0
    ).fit(features, frame[CONTRACT.label])
    save_model(pipeline, folder / "model", CONTRACT, 0.35, features.head(3))
    previous = os.environ.get("AZUREML_MODEL_DIR")
    os.environ["AZUREML_MODEL_DIR"] = str(folder)
    batch_driver.init()
    yield
    if previous is None:
        del os.environ["AZUREML_MODEL_DIR"]
    else:
        os.environ["AZUREML_MODEL_DIR"] = previous


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_driver, "PART_BYTES", PART_BYTES)


def rows(tmp_path: Path, change=None) -> Path:
    """3,000 generated customers as a CSV file, optionally changed first."""
    frame = generate(DataFile("parts.csv", rows=3_000, seed=11, id_prefix="P", labelled=False))
    frame = frame.astype(object)
    if change is not None:
        change(frame)
    path = tmp_path / "parts.csv"
    frame.to_csv(path, index=False, lineterminator="\n")
    return path


def whole_file(path: Path) -> pd.DataFrame:
    """What the driver's scoring of the file read in one piece gives."""
    return batch_driver._score(read_table(path, **COLUMNS), path)


def whole_file_error(path: Path) -> str:
    with pytest.raises(DataValidationError) as refused:
        validate_frame(read_table(path, **COLUMNS), CONTRACT, source=str(path), with_label=False)
    return str(refused.value)


def test_a_file_in_many_parts_scores_as_in_one(driver, small_parts, tmp_path, monkeypatch):
    path = rows(tmp_path)
    parts = read_table_parts(path, **COLUMNS, block_size=PART_BYTES)
    assert parts is not None
    sizes = [len(part) for part in parts]
    assert len(sizes) > 5 and sum(sizes) == 3_000
    scored_sizes: list[int] = []
    score = batch_driver._score
    monkeypatch.setattr(
        batch_driver, "_score", lambda table, p: scored_sizes.append(len(table)) or score(table, p)
    )
    scored = batch_driver.run([str(path)])
    assert scored_sizes == sizes  # scored part by part, never the whole file at once
    monkeypatch.setattr(batch_driver, "_score", score)
    pd.testing.assert_frame_equal(scored, whole_file(path), check_exact=True)


def spoil(frame: pd.DataFrame) -> None:
    frame.loc[10, "age"] = "150"  # first part
    frame.loc[2_900, "age"] = "-3"  # a late part


def repeat_id(frame: pd.DataFrame) -> None:
    frame.loc[2_900, CONTRACT.id_column] = frame.loc[5, CONTRACT.id_column]


@pytest.mark.parametrize("change", [spoil, repeat_id], ids=["values", "repeated-id"])
def test_a_problem_in_any_part_gets_the_whole_files_message(driver, small_parts, tmp_path, change):
    path = rows(tmp_path, change)
    expected = whole_file_error(path)
    assert "2902" in expected  # the late part's line is named
    with pytest.raises(DataValidationError) as refused:
        batch_driver.run([str(path)])
    assert str(refused.value) == expected


def test_a_late_part_that_is_not_plain_reads_the_file_whole(driver, small_parts, tmp_path):
    def pad(frame: pd.DataFrame) -> None:
        frame.loc[2_900, "age"] = f" {frame.loc[2_900, 'age']} "  # the cell reader strips it

    path = rows(tmp_path, pad)
    parts = read_table_parts(path, **COLUMNS, block_size=PART_BYTES)
    assert parts is not None  # the start of the file looks plain
    scored = batch_driver.run([str(path)])
    assert len(scored) == 3_000
    pd.testing.assert_frame_equal(scored, whole_file(path), check_exact=True)
