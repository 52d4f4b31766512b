"""Planted bad input shared by the test_bad_input_* modules: a good file, ways to spoil it."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pandas as pd

from reference_impl.data import TRAINING_DATA
from reference_impl.steps import validate

ROWS = 1_100  # above dev's min_rows (1000), small enough to stay fast
MAX_MESSAGE = 600  # characters: one short message, never a dump of the file


def good_text(rows: int = ROWS) -> str:
    """The first ``rows`` rows of the sample data, exactly as the file holds them."""
    lines = TRAINING_DATA.read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[: rows + 1]) + "\n"


def good_cells(rows: int = ROWS) -> pd.DataFrame:
    """The same rows as text cells, to plant any string in any cell."""
    return pd.read_csv(io.StringIO(good_text(rows)), dtype=str, keep_default_na=False)


def with_cell(column: str, value: str, row: int = 5) -> str:
    """The good file with one cell replaced (row 5 is CSV line 7)."""
    frame = good_cells()
    frame.loc[row, column] = value
    return frame.to_csv(index=False, lineterminator="\n")


def run_validate(data: Path, out: Path, *, min_rows: int = 1000) -> tuple[int, str]:
    """Run the ``validate`` step's command line; return its exit code and all it printed."""
    out.mkdir(parents=True, exist_ok=True)
    argv = ["--raw_data", str(data), "--min_rows", str(min_rows), "--contract", "contract.yaml"]
    argv += ["--validated_data", str(out)]
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        code = validate.main(argv)
    return code, buffer.getvalue()


def assert_refused(code: int, printed: str, fragment: str, out: Path) -> None:
    """Exit 4, the expected sentence, short, no traceback, and nothing kept."""
    assert code == 4, printed
    assert fragment in printed, printed
    assert "Traceback" not in printed
    assert len(printed) < MAX_MESSAGE, f"{len(printed)} characters: {printed[:300]}"
    assert not (out / "data.parquet").exists()
    assert not (out / "validation.json").exists()
