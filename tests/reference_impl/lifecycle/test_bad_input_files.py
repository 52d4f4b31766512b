"""Malformed files (issue 13, item 8): exit 4 and one short sentence, never a traceback.

Each case plants one way a file can be broken or unreadable and runs the ``validate`` step's
command line on it. Echoed values are shortened and secrets from a mistaken ``--data .env``
never appear in the output.
"""

from __future__ import annotations

import gzip
import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from reference_impl.steps.validate import validate_file
from tests.reference_impl.lifecycle.bad_input import (
    assert_refused,
    good_cells,
    good_text,
    run_validate,
    with_cell,
)

SECRET = "sk-live-7f3a9c1e5b2d4f6a8c0e"


def _lines() -> list[str]:
    return good_text().splitlines()


def ragged_long() -> str:
    lines = _lines()
    lines[7] += ",extra"
    return "\n".join(lines) + "\n"


def ragged_short() -> str:
    lines = _lines()
    lines[9] = lines[9].rsplit(",", 2)[0]
    return "\n".join(lines) + "\n"


def unterminated_quote() -> str:
    lines = _lines()
    lines[7] = '"' + lines[7]
    return "\n".join(lines) + "\n"


def stray_quote() -> str:
    lines = _lines()
    lines[7] = '"C0"x' + lines[7][lines[7].index(",") :]
    return "\n".join(lines) + "\n"


def trailing_comma() -> str:
    return "\n".join(line + "," for line in _lines()) + "\n"


def blank_column_name() -> str:
    lines = _lines()
    return "\n".join([lines[0] + ",  "] + [line + ",x" for line in lines[1:]]) + "\n"


def cr_only() -> str:
    return "\r".join(_lines()) + "\r"


def header_in_capitals() -> str:
    """The header as a SQL export may write it: every name in capitals."""
    lines = _lines()
    return "\n".join([lines[0].upper(), *lines[1:]]) + "\n"


def european_spreadsheet() -> str:
    """Saved with a European locale: ``;`` between fields and ``,`` in decimal numbers."""
    return "\n".join(line.replace(",", ";").replace(".", ",") for line in _lines()) + "\n"


def dotenv() -> str:
    return f"API_KEY={SECRET}\nDB_PASSWORD=hunter2-{SECRET}\n"


def secret_header() -> str:
    lines = _lines()
    return "\n".join([lines[0] + f",token={SECRET}"] + [line + ",1" for line in lines[1:]]) + "\n"


def header_case_or_spaces() -> str:
    lines = _lines()
    header = lines[0].split(",")
    header[header.index("age")] = " Age "  # as a spreadsheet export may write it
    return "\n".join([",".join(header), *lines[1:]]) + "\n"


# name -> (file content, expected fragment of the one sentence)
MALFORMED: dict[str, tuple[Callable[[], str], str]] = {
    "ragged-row-longer": (ragged_long, "line 8 has 14 field(s) but the header has 13"),
    "ragged-row-shorter": (ragged_short, "line 10 has 11 field(s) but the header has 13"),
    "unterminated-quote": (unterminated_quote, "not valid CSV in the row starting on line 8"),
    "stray-quote": (stray_quote, "not valid CSV in the row starting on line 8"),
    "trailing-comma-every-row": (trailing_comma, "a comma at the end of every line?"),
    "blank-column-name": (blank_column_name, "1 blank column name(s), at position(s) 14"),
    "cr-only-line-endings": (cr_only, "line endings are CR only"),
    "semicolons-and-decimal-commas": (
        european_spreadsheet,
        "only one column found and the header contains ';': wrong delimiter?",
    ),
    "dotenv-as-data": (dotenv, "names none of the expected columns (1 name(s), not shown)"),
    "secret-in-header": (secret_header, "unexpected column(s): 1 name(s) not shown"),
    "header-case-or-spaces": (
        header_case_or_spaces,
        "column name(s) differing only in case or spaces: ' Age ' should be 'age'",
    ),
    "header-in-capitals": (
        header_in_capitals,
        "differing only in case or spaces: 'CANCELLED' should be 'cancelled', "
        "'CUSTOMER_ID' should be 'customer_id'",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_file_gets_one_sentence(tmp_path: Path, case: str) -> None:
    make, fragment = MALFORMED[case]
    data = tmp_path / "bad.csv"
    data.write_bytes(make().encode("utf-8"))
    code, printed = run_validate(data, tmp_path / "out")
    assert_refused(code, printed, fragment, tmp_path / "out")
    assert printed.count("\n  - ") == 1  # one problem, one sentence
    assert SECRET not in printed and "hunter2" not in printed


def gzipped() -> bytes:
    return gzip.compress(good_text().encode("utf-8"))


def workbook() -> bytes:
    """A ZIP archive laid out as an .xlsx workbook (the parts that name it one)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
    return buffer.getvalue()


def parquet() -> bytes:
    buffer = io.BytesIO()
    good_cells().to_parquet(buffer)
    return buffer.getvalue()


# name -> (file name, file bytes, the one sentence's fragment): data a reader exports in another
# format than CSV, under a name that does not end in .parquet, so it is read as CSV
OTHER_KINDS: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "gzip-csv": ("customers.csv.gz", gzipped, "is gzip-compressed, not CSV text; decompress it"),
    "xlsx-workbook": ("customers.xlsx", workbook, "is a ZIP archive (an .xlsx workbook is one)"),
    "parquet-named-csv": ("customers.csv", parquet, "holds Parquet data, not CSV text; give the"),
}


@pytest.mark.parametrize("case", sorted(OTHER_KINDS))
def test_a_file_in_another_format_is_named_for_what_it_is(tmp_path: Path, case: str) -> None:
    """Not "not UTF-8 text: byte 0x8b on line 1", which sends the reader after an encoding."""
    name, make, fragment = OTHER_KINDS[case]
    data = tmp_path / name
    data.write_bytes(make())
    code, printed = run_validate(data, tmp_path / "out")
    assert_refused(code, printed, fragment, tmp_path / "out")
    assert printed.count("\n  - ") == 1
    assert "UTF-8" not in printed.replace("'CSV UTF-8'", "")


CUT_SHORT = "is cut short: it starts as Parquet data but lacks the footer every Parquet file"

# name -> (file bytes, the one sentence's fragment): a file named .parquet that holds no Parquet
# data, or a copy of one that stopped half-way
NOT_PARQUET: dict[str, tuple[Callable[[], bytes], str]] = {
    "csv-named-parquet": (good_text().encode, "holds text, not Parquet data; a CSV file is read"),
    "cut-short": (lambda: parquet()[:-200], CUT_SHORT),
    "empty": (bytes, "is empty (0 bytes), not Parquet data"),
    "gzip": (gzipped, "is gzip-compressed, not Parquet data"),
}


@pytest.mark.parametrize("case", sorted(NOT_PARQUET))
def test_a_parquet_name_on_other_bytes_is_named_for_what_it_holds(
    tmp_path: Path, case: str
) -> None:
    """pyarrow said "Error creating dataset. Could not read schema from '…'. Is this a
    'parquet' file?: Could not open Parquet input source '…': Parquet magic bytes not found in
    footer", the path three times and nothing of what the file is."""
    make, fragment = NOT_PARQUET[case]
    data = tmp_path / "customers.parquet"
    data.write_bytes(make())
    code, printed = run_validate(data, tmp_path / "out")
    assert_refused(code, printed, fragment, tmp_path / "out")
    assert printed.count("\n  - ") == 1 and printed.count(str(data)) == 1
    assert "magic bytes" not in printed


@pytest.mark.parametrize("given", ["absolute", "relative"])
def test_a_cut_short_file_of_a_parquet_folder_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    folder = tmp_path / "lake"
    folder.mkdir()
    (folder / "part-0.parquet").write_bytes(parquet())
    (folder / "part-1.parquet").write_bytes(parquet()[:3000])
    if given == "relative":  # pyarrow names the file as the folder was given
        monkeypatch.chdir(tmp_path)
        folder = Path("lake")
    code, printed = run_validate(folder, tmp_path / "out")
    assert_refused(code, printed, f"part-1.parquet {CUT_SHORT}", tmp_path / "out")


def test_a_cut_short_file_of_a_delta_table_is_named(tmp_path: Path) -> None:
    """deltalake said "External error: Parquet error: Parquet error: Failed to fetch metadata for
    file tmp/…/part-….parquet: Object Store error: Generic LocalFileSystem error: Requested range
    was invalid" for a table copied by a copy that stopped half-way."""
    from deltalake import write_deltalake

    table = tmp_path / "customers"
    write_deltalake(table, good_cells())
    [part] = table.glob("*.parquet")
    part.write_bytes(part.read_bytes()[:3000])
    code, printed = run_validate(table, tmp_path / "out")
    assert_refused(code, printed, f"{part.name} {CUT_SHORT}", tmp_path / "out")
    assert "Object Store" not in printed


UNEVEN = "its files do not hold the same columns: part-1.parquet"


@pytest.mark.parametrize("later", ["adds", "drops"])
def test_a_parquet_folder_whose_files_differ_in_columns_names_them(
    tmp_path: Path, later: str
) -> None:
    """pyarrow reads a folder with its first file's columns: one that a later file adds was
    dropped (infer left it out, train called it missing), and one that a later file drops
    became empty values at row numbers no file has."""
    rows = good_cells()
    half = len(rows) // 2
    first, second = rows.iloc[:half], rows.iloc[half:]
    if later == "adds":
        first = first.drop(columns=["age"])
    else:
        second = second.drop(columns=["age"])
    folder = tmp_path / "lake"
    folder.mkdir()
    first.to_parquet(folder / "part-0.parquet")
    second.to_parquet(folder / "part-1.parquet")
    code, printed = run_validate(folder, tmp_path / "out")
    held = "holds age, which part-0.parquet lacks" if later == "adds" else "lacks age, which"
    assert_refused(code, printed, f"{UNEVEN} {held}", tmp_path / "out")


def test_a_directory_is_not_reported_as_missing(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    code, printed = run_validate(tmp_path / "folder", tmp_path / "out")
    assert_refused(code, printed, "is a folder", tmp_path / "out")
    assert "not found" not in printed


def test_a_vanished_file_is_not_found(tmp_path: Path) -> None:
    data = tmp_path / "gone.csv"
    data.write_text(good_text())
    link = tmp_path / "link.csv"
    link.symlink_to(data)
    data.unlink()  # the link stays; what it pointed at is gone
    code, printed = run_validate(link, tmp_path / "out")
    assert_refused(code, printed, "file not found", tmp_path / "out")


def test_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    # /proc/self/mem is a regular file whose first page cannot be read (EIO), even as root.
    code, printed = run_validate(Path("/proc/self/mem"), tmp_path / "out")
    assert_refused(code, printed, "cannot read the file: Input/output error", tmp_path / "out")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_a_file_without_read_permission(tmp_path: Path) -> None:
    data = tmp_path / "locked.csv"
    data.write_text(good_text())
    data.chmod(0)
    code, printed = run_validate(data, tmp_path / "out")
    assert_refused(code, printed, "permission denied", tmp_path / "out")


def test_a_name_longer_than_the_system_allows(tmp_path: Path) -> None:
    data = tmp_path / ("a" * 300 + ".csv")  # a name may hold 255 bytes: looking it up fails
    code, printed = run_validate(data, tmp_path / "out")
    assert_refused(code, printed, "cannot read the file: File name too long", tmp_path / "out")


def test_a_device_is_not_a_data_file(tmp_path: Path) -> None:
    code, printed = run_validate(Path("/dev/zero"), tmp_path / "out")  # would never end
    assert_refused(code, printed, "is not a regular file", tmp_path / "out")


def test_a_huge_number_is_echoed_short(tmp_path: Path) -> None:
    data = tmp_path / "big.csv"
    data.write_text(with_cell("monthly_charges", "1" + "0" * 308))
    code, printed = run_validate(data, tmp_path / "out")
    assert_refused(code, printed, "outside [10, 200]: 1e+308 (line 7)", tmp_path / "out")


def test_a_long_value_is_cut_to_a_few_characters(tmp_path: Path) -> None:
    data = tmp_path / "long.csv"
    data.write_text(with_cell("region", SECRET * 20))
    code, printed = run_validate(data, tmp_path / "out")
    assert_refused(code, printed, "'sk-l...' (560 characters) (line 7)", tmp_path / "out")
    assert SECRET not in printed


def test_many_unknown_columns_are_counted_not_listed(tmp_path: Path) -> None:
    lines = good_text().splitlines()
    extra = [f"c{i}" for i in range(2000)]
    header = ",".join([lines[0], *extra])
    rows = [line + "," * len(extra) for line in lines[1:]]
    data = tmp_path / "wide.csv"
    data.write_text("\n".join([header, *rows]) + "\n")
    code, printed = run_validate(data, tmp_path / "out")
    assert_refused(code, printed, "c0, c1, c2, c3, c4 and 1995 other name(s)", tmp_path / "out")


def test_a_parquet_files_unexpected_columns_are_shown_as_a_csvs_are(tmp_path: Path) -> None:
    """A Parquet file's header went through another check, which listed every name: a
    secret pasted into a column name, and all 2,000 unknown names."""
    import pandas as pd

    frame = pd.read_csv(io.StringIO(good_text()))
    extra = pd.DataFrame(0, index=frame.index, columns=[f"c{i}" for i in range(2000)])
    wide = pd.concat([frame.assign(**{f"token={SECRET}": 1}), extra], axis=1)
    data = tmp_path / "wide.parquet"
    wide.to_parquet(data)
    code, printed = run_validate(data, tmp_path / "out")
    assert_refused(code, printed, "c0, c1, c2, c3, c4 and 1996 other name(s)", tmp_path / "out")
    assert SECRET not in printed


# name -> (a change to the good rows, the sentence both formats give)
SAME_SENTENCE = {
    "blank-name": (lambda f: f.rename(columns={"age": " "}), "1 blank column name(s), at position"),
    "no-label": (lambda f: f.drop(columns="cancelled"), "missing label column 'cancelled'"),
    "capitals": (
        lambda f: f.rename(columns=str.upper),
        "'CANCELLED' should be 'cancelled', 'CUSTOMER_ID' should be 'customer_id'",
    ),
    "wrong-file": (
        lambda f: f[["age"]].rename(columns={"age": "amount"}),
        "names none of the expected columns (1 name(s), not shown); is this the data file?",
    ),
}


@pytest.mark.parametrize("case", sorted(SAME_SENTENCE))
@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_column_mistake_gets_the_same_sentence_in_csv_and_parquet(
    tmp_path: Path, case: str, suffix: str
) -> None:
    """The Parquet path had a column check of its own: a blank name was an "unexpected
    column", a missing label read "label column 'cancelled' is missing", and a file with none
    of the columns listed every missing one instead of asking whether it is the data file."""
    import pandas as pd

    change, sentence = SAME_SENTENCE[case]
    frame = change(pd.read_csv(io.StringIO(good_text())))
    data = tmp_path / f"data{suffix}"
    if suffix == ".csv":
        frame.to_csv(data, index=False)
    else:
        frame.to_parquet(data)
    code, printed = run_validate(data, tmp_path / "out")
    assert_refused(code, printed, sentence, tmp_path / "out")


def test_crlf_and_a_final_blank_line_are_fine(tmp_path: Path) -> None:
    data = tmp_path / "crlf.csv"
    data.write_bytes(good_text().replace("\n", "\r\n").encode() + b"\r\n")
    report = validate_file(data, tmp_path, min_rows=1000)
    assert report["rows"] == 1100
