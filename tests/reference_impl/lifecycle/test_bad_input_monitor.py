"""Too few rows to judge drift is bad input, not drift (issue 13, item 7).

``monitor`` used to recommend retraining (exit 3) from an empty or 3-row batch. A batch
smaller than ``monitoring.min_rows`` (default 100) now exits 4 with a sentence, before any
champion or baseline is read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from reference_impl.config import MonitoringSection, load_config
from reference_impl.exit_codes import ExitCode
from tests.reference_impl.identity import MODEL
from tests.reference_impl.lifecycle.bad_input import good_text
from tests.reference_impl.lifecycle.conftest import call


def batch(tmp_path: Path, rows: int) -> Path:
    path = tmp_path / f"batch-{rows}.csv"
    path.write_text(good_text(rows))
    return path


@pytest.mark.parametrize("rows", [0, 1, 3, 99])
def test_a_small_batch_is_bad_input_not_drift(tmp_path: Path, rows: int) -> None:
    workdir = tmp_path / "workdir"
    code, out, err = call(
        ["monitor", "--workdir", str(workdir), "--current", str(batch(tmp_path, rows))]
    )
    assert code == ExitCode.BAD_DATA, out + err
    assert f"only {rows} row(s); at least 100 are needed" in err
    assert "monitoring.min_rows" in err
    assert "retraining recommended" not in out
    assert not (workdir / "monitoring").exists()  # no report that could be read as drift
    if rows == 3:
        assert (
            "only 3 row(s); at least 100 are needed to compare with the baseline "
            "(monitoring.min_rows)"
        ) in err


def test_a_batch_of_min_rows_passes_the_row_check(tmp_path: Path) -> None:
    """100 rows get past the row check; the empty workdir then has no champion (exit 5)."""
    code, out, err = call(
        ["monitor", "--workdir", str(tmp_path / "w"), "--current", str(batch(tmp_path, 100))]
    )
    assert code == ExitCode.NO_CHAMPION, out + err
    assert err == f"error: model {MODEL!r} has no 'champion' version; run the train command first\n"


def test_the_minimum_is_configuration_with_a_sane_default() -> None:
    assert load_config("dev").monitoring.min_rows == 100
    assert MonitoringSection(min_rows=500).min_rows == 500
    with pytest.raises(ValidationError, match="min_rows"):
        MonitoringSection(min_rows=0)
