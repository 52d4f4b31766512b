"""A folder of CSV parts, as Spark and Databricks export a table, is read as its one file is.

Such a folder was refused for training ("a folder is read when it holds Parquet files"),
though ``batch-score`` read it; a data team had to merge the parts by hand first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reference_impl.contract import load_contract
from reference_impl.data import TRAINING_DATA
from reference_impl.exit_codes import ExitCode
from reference_impl.steps.files import VALIDATED_ROWS, read_rows
from reference_impl.steps.validate import validate_file
from reference_impl.validation.errors import DataValidationError
from tests.reference_impl.lifecycle.conftest import WEAKER, call, train
from tests.reference_impl.lifecycle.test_lake_bad_input import (
    spark_csv_folder,
    spark_csv_folder_without_header,
)

NO_HEADER = "its first line holds values, not column names: its parts have no header"
OTHER_COLUMNS = "its files do not hold the same columns: part-00001"
NOT_VERSIONED = "data.version is 0, but this is a folder of CSV files"


def second_part(folder: Path) -> Path:
    return sorted(folder.glob("part-00001-*.csv"))[0]


def infer(data: Path, out: Path) -> tuple[int, str, str]:
    return call(
        ["contract", "infer", "--data", str(data), "--label", "cancelled", "--task", "binary",
         "--id", "customer_id", "--out", str(out)]
    )  # fmt: skip


def test_a_spark_export_validates_to_the_rows_of_its_one_file(tmp_path: Path) -> None:
    folder = spark_csv_folder(tmp_path)
    (tmp_path / "parts").mkdir()
    (tmp_path / "whole").mkdir()
    parts = validate_file(folder, tmp_path / "parts", min_rows=100)
    whole = validate_file(TRAINING_DATA, tmp_path / "whole", min_rows=100)
    assert parts["rows"] == whole["rows"] == 10_000
    assert parts["segments"] == whole["segments"]
    assert parts["data_reference"]["data_format"] == "csv"
    rows = read_rows(tmp_path / "parts", VALIDATED_ROWS)
    assert rows.equals(read_rows(tmp_path / "whole", VALIDATED_ROWS))


def test_a_spark_export_trains_and_is_registered(tmp_path: Path) -> None:
    run = train(tmp_path / "work", "--data", str(spark_csv_folder(tmp_path)), *WEAKER)
    assert run.exit_code == ExitCode.OK, run.err
    assert "registered: churn-classifier version 1" in run.out


def test_a_bad_cell_is_named_by_its_row_in_the_folder(tmp_path: Path) -> None:
    folder = spark_csv_folder(tmp_path)
    part = second_part(folder)
    lines = part.read_text(encoding="utf-8").splitlines()
    cells = lines[10].split(",")
    cells[1] = "-5"  # tenure_months of the 10th row of the second part
    lines[10] = ",".join(cells)
    part.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as raised:
        validate_file(folder, tmp_path / "out", min_rows=100)
    assert "column 'tenure_months': 1 value(s) outside [0, 72]: -5 (row 5010)" in str(raised.value)


def test_parts_without_a_header_are_named_as_such(tmp_path: Path) -> None:
    folder = spark_csv_folder_without_header(tmp_path)
    code, _, err = infer(folder, tmp_path / "inferred.yaml")
    assert code == ExitCode.BAD_DATA
    assert f"--data {folder}: {NO_HEADER}" in err
    assert not (tmp_path / "inferred.yaml").exists()


def test_infer_proposes_from_a_spark_export_what_it_proposes_from_its_one_file(
    tmp_path: Path,
) -> None:
    assert infer(spark_csv_folder(tmp_path), tmp_path / "parts.yaml")[0] == ExitCode.OK
    assert infer(TRAINING_DATA, tmp_path / "whole.yaml")[0] == ExitCode.OK
    parts, whole = (
        (tmp_path / f"{name}.yaml").read_text(encoding="utf-8") for name in ("parts", "whole")
    )
    assert parts.split("\n", 1)[1] == whole.split("\n", 1)[1]  # but the line naming the data


def test_a_part_with_other_columns_is_named_with_the_columns(tmp_path: Path) -> None:
    folder = spark_csv_folder(tmp_path)
    part = second_part(folder)
    lines = part.read_text(encoding="utf-8").splitlines()
    part.write_text("".join(line.rsplit(",", 1)[0] + "\n" for line in lines), encoding="utf-8")
    code, _, err = infer(folder, tmp_path / "inferred.yaml")
    assert code == ExitCode.BAD_DATA
    assert OTHER_COLUMNS in err and "lacks cancelled, which part-00000" in err


def test_a_delta_version_is_refused_for_a_folder_of_csv_files(tmp_path: Path) -> None:
    with pytest.raises(DataValidationError, match=NOT_VERSIONED):
        validate_file(spark_csv_folder(tmp_path), tmp_path / "out", min_rows=100, version=0)


def test_codes_with_leading_zeros_stay_codes_in_a_spark_export(tmp_path: Path) -> None:
    folder = spark_csv_folder(tmp_path)
    parts = [part for part in sorted(folder.glob("part-*.csv")) if part.stat().st_size]
    for number, part in enumerate(parts):  # the header-only part gains the column too
        header, *rows = part.read_text(encoding="utf-8").splitlines()
        coded = [f"{header},branch", *(f"{row},{'007' if number else '012'}" for row in rows)]
        part.write_text("\n".join(coded) + "\n", encoding="utf-8")
    assert infer(folder, tmp_path / "inferred.yaml")[0] == ExitCode.OK
    branch = load_contract(tmp_path / "inferred.yaml").feature("branch")
    assert (branch.kind, branch.categories) == ("category", ("007", "012"))


@pytest.mark.parametrize(
    "command",
    [
        ["train"],
        ["monitor"],
        ["contract", "infer"],
        pytest.param(["batch-score"], marks=pytest.mark.batch),
    ],
)
def test_each_command_reading_a_table_says_in_its_help_that_a_folder_of_csv_parts_will_do(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Their ``--help`` offered a CSV file, a Parquet file or a Parquet folder (``batch-score``'s no
    CSV file); each reads all five."""
    from reference_impl.cli import main

    with pytest.raises(SystemExit) as stop:
        main([*command, "--help"])
    assert stop.value.code == 0
    assert "a folder of CSV or Parquet files" in " ".join(capsys.readouterr().out.split())


def test_a_column_named_by_a_number_does_not_make_a_header_a_row_of_values(
    tmp_path: Path,
) -> None:
    """A year column (``2024``) made ``contract infer`` take the parts for header-less ones."""
    folder = tmp_path / "yearly.csv"
    folder.mkdir()
    for number in range(2):
        rows = [f"r{number}-{i},{i % 7},{i % 2}" for i in range(40)]
        (folder / f"part-0000{number}-c000.csv").write_text(
            "".join(f"{line}\n" for line in ["policy_id,2024,lapsed", *rows]), encoding="utf-8"
        )
    out = tmp_path / "contract.yaml"
    code, _, err = call(
        ["contract", "infer", "--data", str(folder), "--label", "lapsed", "--task", "binary",
         "--id", "policy_id", "--out", str(out)]
    )  # fmt: skip
    assert code == 0, err
    assert load_contract(out).feature_names == ["2024"]
