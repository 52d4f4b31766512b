"""Values Python would accept but a data file must not hold (issue 13, item 4).

``float()`` reads ``1_280`` and full-width ``１２``; pandas turns a column of ``True``/``False``
into 1/0. Each is refused with a sentence naming the column, in training data and in the
batch-scoring path, and plain numbers in every spelling a CSV uses are still accepted.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest

from reference_impl.contract import load_contract
from reference_impl.validation import DataValidationError, validate_frame
from reference_impl.validation.reader import parse_table
from tests.reference_impl.lifecycle.bad_input import (
    assert_refused,
    good_cells,
    run_validate,
    with_cell,
)

CONTRACT = load_contract()

NOT_PLAIN = "value(s) are not"  # "whole numbers" or "numbers", by the column's kind

# name -> (column, planted cell, expected fragment)
BAD_VALUES: dict[str, tuple[str, str, str]] = {
    "boolean-true-in-integer": ("age", "True", f"column 'age': 1 {NOT_PLAIN}"),
    "boolean-false-in-number": ("monthly_charges", "False", f"'monthly_charges': 1 {NOT_PLAIN}"),
    "boolean-lowercase": ("tenure_months", "true", f"column 'tenure_months': 1 {NOT_PLAIN}"),
    "boolean-label": ("cancelled", "TRUE", f"column 'cancelled': 1 {NOT_PLAIN}"),
    "underscore-digits": ("total_charges", "1_280", f"'total_charges': 1 {NOT_PLAIN}"),
    "full-width-digits": ("tenure_months", "１２", f"'tenure_months': 1 {NOT_PLAIN}"),
    "arabic-indic-digits": ("age", "٤٢", f"column 'age': 1 {NOT_PLAIN}"),
    "infinity": ("data_usage_gb", "inf", f"column 'data_usage_gb': 1 {NOT_PLAIN}"),
    "nan-spelled-out": ("monthly_charges", "NaN", f"'monthly_charges': 1 {NOT_PLAIN}"),
    "hex-literal": ("support_calls_90d", "0x1f", f"'support_calls_90d': 1 {NOT_PLAIN}"),
    "blank-id": ("customer_id", "", "column 'customer_id': 1 empty value(s): line(s) 7"),
    "whitespace-id": ("customer_id", "   ", "column 'customer_id': 1 empty value(s): line(s) 7"),
    "nul-id": ("customer_id", "\x00", "column 'customer_id': 1 id(s) are blank or hold a control"),
    "nul-inside-id": ("customer_id", "C1\x00", "column 'customer_id': 1 id(s) are blank or hold"),
    "newline-in-id": ("customer_id", "C1\nC2", "column 'customer_id': 1 id(s) are blank or hold"),
}


@pytest.mark.parametrize("case", sorted(BAD_VALUES))
def test_value_is_refused_naming_the_column(tmp_path: Path, case: str) -> None:
    column, cell, fragment = BAD_VALUES[case]
    data = tmp_path / "bad.csv"
    data.write_text(with_cell(column, cell), encoding="utf-8")
    code, printed = run_validate(data, tmp_path / "out")
    assert_refused(code, printed, fragment, tmp_path / "out")
    assert "\x00" not in printed
    if NOT_PLAIN in fragment:  # the cell is shown, printable, with its line
        assert f"{cell!a} (line 7)" in printed
    hinted = case not in {"hex-literal"} and NOT_PLAIN in fragment  # float() would take these
    assert ("are not numbers here" in printed) == hinted


def test_a_whole_column_of_booleans_is_refused(tmp_path: Path) -> None:
    frame = good_cells()
    frame["late_payments_12m"] = ["True", "False"] * (len(frame) // 2)
    data = tmp_path / "bools.csv"
    data.write_text(frame.to_csv(index=False, lineterminator="\n"))
    code, printed = run_validate(data, tmp_path / "out")
    assert_refused(code, printed, f"column 'late_payments_12m': 1100 {NOT_PLAIN}", tmp_path / "out")
    assert "'True' (line 2), 'False' (line 3), 'True' (line 4), ..." in printed


def test_python_booleans_from_a_columnar_reader_are_refused() -> None:
    """A Parquet file can hold a real boolean column: it is not a number either."""
    frame = pd.read_csv(
        io.StringIO(good_cells().to_csv(index=False)),
        dtype={CONTRACT.id_column: str},
    )
    frame["age"] = [True, False] * (len(frame) // 2)
    with pytest.raises(DataValidationError, match=re.escape(f"column 'age': 1100 {NOT_PLAIN}")):
        validate_frame(frame, CONTRACT, source="table.parquet", min_rows=1000)


def test_booleans_are_refused_in_batch_scoring_too() -> None:
    cells = good_cells().drop(columns="cancelled")
    cells.loc[3, "support_calls_90d"] = "False"
    raw = cells.to_csv(index=False).encode()
    table = parse_table(
        raw,
        "batch.csv",
        required=[CONTRACT.id_column, *CONTRACT.feature_names],
        allowed_extra=[CONTRACT.label],
        text=[CONTRACT.id_column],
    )
    with pytest.raises(DataValidationError, match=re.escape(f"'support_calls_90d': 1 {NOT_PLAIN}")):
        validate_frame(table, CONTRACT, source="batch.csv", with_label=False)


@pytest.mark.parametrize("spelling", ["12", "+12", " 12 ", "12.0", "1.2e1", "120e-1"])
def test_plain_numbers_in_any_csv_spelling_are_accepted(tmp_path: Path, spelling: str) -> None:
    data = tmp_path / "ok.csv"
    data.write_text(with_cell("tenure_months", spelling))
    code, printed = run_validate(data, tmp_path / "out")
    assert code == 0, printed
    kept = pd.read_parquet(tmp_path / "out" / "data.parquet")
    assert kept.loc[5, "tenure_months"] == 12


SENTENCES = {
    "boolean": (
        "age",
        "True",
        "column 'age': 1 value(s) are not whole numbers: 'True' (line 7) (true/false, '_' "
        "separators, inf/nan and non-ASCII digits are not numbers here)",
    ),
    "underscore": (
        "total_charges",
        "1_280",
        "column 'total_charges': 1 value(s) are not numbers: '1_280' (line 7)",
    ),
    "full-width": (
        "tenure_months",
        "１２",
        "column 'tenure_months': 1 value(s) are not whole numbers: '\\uff11\\uff12' (line 7)",
    ),
}


@pytest.mark.parametrize("case", sorted(SENTENCES))
def test_the_whole_sentence(tmp_path: Path, case: str) -> None:
    column, cell, sentence = SENTENCES[case]
    data = tmp_path / "bad.csv"
    data.write_text(with_cell(column, cell), encoding="utf-8")
    code, printed = run_validate(data, tmp_path / "out")
    assert_refused(code, printed, sentence, tmp_path / "out")


def _typed(cells: pd.DataFrame) -> pd.DataFrame:
    """The text cells with the sample's numeric columns as numbers (a cell may stay empty)."""
    numbers = [f.name for f in CONTRACT.numeric] + [CONTRACT.label]
    return cells.assign(**{c: pd.to_numeric(cells[c]) for c in numbers})


def _write(fmt: str, frame: pd.DataFrame, folder: Path) -> Path:
    """``frame`` as a CSV file, a Parquet file or a Delta table."""
    from deltalake import write_deltalake

    if fmt == "csv":
        (path := folder / "data.csv").write_text(frame.to_csv(index=False, lineterminator="\n"))
    elif fmt == "parquet":
        frame.to_parquet(path := folder / "data.parquet", index=False)
    else:
        write_deltalake(path := folder / "table", frame)
    return path


@pytest.mark.parametrize(
    ("fmt", "place", "places"),
    [("csv", "line 7", "line(s) 7"), ("parquet", "row 6", "row(s) 6"),
     ("delta", "row 6", "row(s) 6")],
)  # fmt: skip
def test_a_bad_cell_is_placed_by_line_in_csv_and_by_row_in_columnar_data(
    tmp_path: Path, fmt: str, place: str, places: str
) -> None:
    """Parquet data and a Delta table have no lines: "line 7" named a place they do not have."""
    cells = good_cells()
    cells.loc[5, "age"] = "150"  # out of range
    cells.loc[5, "contract"] = ""  # empty
    data = _write(fmt, _typed(cells.replace({"": None})), tmp_path)
    code, printed = run_validate(data, tmp_path / "out")
    assert_refused(code, printed, f"column 'age': 1 value(s) outside [18, 100]: 150 ({place})",
                   tmp_path / "out")  # fmt: skip
    assert f"column 'contract': 1 empty value(s): {places}" in printed
