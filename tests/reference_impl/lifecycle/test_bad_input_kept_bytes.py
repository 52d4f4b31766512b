"""What is trained is what was validated (issue 13, item 1).

The ``validate`` step used to check the file and then copy it: a file replaced in that
window was trained unvalidated. The step now reads the bytes once, checks them and keeps
them. These tests replace the file at exactly that moment (right after the rows are checked)
and show the replacement changes nothing downstream.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from reference_impl.steps import validate
from reference_impl.steps.files import read_json
from tests.reference_impl.lifecycle.bad_input import good_cells, good_text, run_validate
from tests.reference_impl.lifecycle.conftest import call


def flipped_labels() -> str:
    """The same rows with every label flipped: valid by the contract, and poison for a model."""
    frame = good_cells()
    frame["cancelled"] = frame["cancelled"].map({"0": "1", "1": "0"})
    return frame.to_csv(index=False, lineterminator="\n")


def swap_after_check(monkeypatch: pytest.MonkeyPatch, path: Path, replacement: str) -> list[int]:
    """Replace ``path`` right after the step has checked its rows; return a call counter."""
    calls: list[int] = []
    real: Callable = validate.validate_frame

    def check_then_swap(*args: object, **kwargs: object) -> pd.DataFrame:
        result = real(*args, **kwargs)
        path.write_text(replacement, encoding="utf-8")  # the attacker's moment
        calls.append(1)
        return result

    monkeypatch.setattr(validate, "validate_frame", check_then_swap)
    return calls


def test_a_file_replaced_after_the_check_is_not_what_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = good_text()
    data = tmp_path / "data.csv"
    data.write_text(original, encoding="utf-8")
    calls = swap_after_check(monkeypatch, data, flipped_labels())
    code, printed = run_validate(data, tmp_path / "out")
    assert code == 0, printed
    assert calls == [1]
    assert data.read_text() != original  # the file on disk was replaced...
    kept = pd.read_parquet(tmp_path / "out" / "data.parquet")
    expected = pd.read_csv(io.StringIO(original), dtype={"customer_id": str})
    pd.testing.assert_frame_equal(kept, expected)  # ...but the kept rows are the checked ones
    report = read_json(tmp_path / "out" / "validation.json")
    assert report["sha256"] == hashlib.sha256(original.encode()).hexdigest()


def test_a_bad_file_swapped_in_after_the_check_never_reaches_training(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = good_text()
    data = tmp_path / "data.csv"
    data.write_text(original, encoding="utf-8")
    swap_after_check(monkeypatch, data, "customer_id,junk\nC1,\x00\n")
    workdir = tmp_path / "workdir"
    code, _out, err = call(
        [
            "train",
            "--workdir",
            str(workdir),
            "--data",
            str(data),
            "--set",
            "model.params.max_iter=5",
        ]
    )
    assert code == 0, err
    (run,) = (workdir / "runs").iterdir()
    train = pd.read_parquet(run / "prep" / "train_data" / "train.parquet")
    holdout = pd.read_parquet(run / "prep" / "holdout_data" / "holdout.parquet")
    trained = pd.concat([train, holdout]).set_index("customer_id").sort_index()
    expected = pd.read_csv(io.StringIO(original), dtype={"customer_id": str})
    expected = expected.set_index("customer_id").sort_index()
    pd.testing.assert_frame_equal(trained[expected.columns], expected)
