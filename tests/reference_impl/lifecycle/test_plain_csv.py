"""The plain-file fast path reads exactly what the cell-by-cell reader reads, or steps aside.

``parse_table`` hands a plain CSV file (no quote, no blank line, no padded cell) to pyarrow
and everything else to the cell-by-cell reader. These tests hold the two to the same frame on
the shipped files and on generated ones, check that each kind of unusual file is left to the
cell-by-cell reader, and that for any bytes ``parse_table`` answers as that reader does: the
same frame or the same error.
"""

from __future__ import annotations

import codecs
import sys

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reference_impl.contract import load_contract
from reference_impl.data import DATA_DIR, TRAINING_DATA
from reference_impl.validation.errors import DataValidationError
from reference_impl.validation.plain_csv import STRIP_SPACES, parse_plain
from reference_impl.validation.reader import parse_table

CONTRACT = load_contract()
COLUMNS = [CONTRACT.id_column, *CONTRACT.feature_names]
BATCH_FILES = sorted((DATA_DIR / "batch").glob("*.csv"))


def both(raw: bytes, **options) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The fast path's frame and the cell-by-cell reader's frame for the same bytes."""
    plain = parse_plain(raw, text=options.get("text", ()))
    assert plain is not None, "the fast path stepped aside on a plain file"
    header, fast = plain
    slow = parse_table(raw, "f.csv", required=header, cell_by_cell=True, **options)
    assert header == list(slow.columns)
    return fast, slow


def assert_same(fast: pd.DataFrame, slow: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(fast, slow, check_index_type=True, check_exact=True)


@pytest.mark.parametrize(
    "path", [TRAINING_DATA, *BATCH_FILES], ids=lambda path: path.name
)  # fmt: skip
def test_the_shipped_files_read_the_same_either_way(path):
    fast, slow = both(path.read_bytes(), text=[CONTRACT.id_column])
    assert len(fast) > 100
    assert_same(fast, slow)
    text = [CONTRACT.id_column, *(feature.name for feature in CONTRACT.categorical)]
    assert [name for name in fast.columns if fast[name].dtype == "str"] == text


SHIPPED = TRAINING_DATA.read_bytes()
HEAD = b"\n".join(SHIPPED.split(b"\n")[:40]) + b"\n"


@pytest.mark.parametrize(
    ("case", "raw"),
    [
        ("crlf endings", HEAD.replace(b"\n", b"\r\n")),
        ("byte order mark", codecs.BOM_UTF8 + HEAD),
        ("no newline at the end", HEAD.rstrip(b"\n")),
        ("blank cells", b"a,b,c\n1,,x\n,2.5,\n3,4e2,y\n"),
        ("a column of blanks", b"a,b\n1,\n2,\n"),
        ("integers, one negative", b"a\n007\n-3\n0\n"),
        ("floats in every spelling", b"a\n.5\n5.\n-1E-3\n1e400\n2\n"),
        ("a float pandas and pyarrow round apart", b"a\n3e23\n"),
        ("a number among text", b"a\n12\nabc\n"),
        ("unicode text and a NUL", "a,b\nÄrø,1\nx\x00y,2\n".encode()),
        ("spaces inside a cell", b"a,b\nnew york,1\nx y z,2\n"),
        ("digits of other scripts", "a\n12\n\u0661\u0662\n\uff11\uff12\n".encode()),
    ],
)
def test_generated_plain_files_read_the_same_either_way(case, raw):
    fast, slow = both(raw)
    assert_same(fast, slow)


def test_a_text_column_of_numbers_stays_text():
    fast, slow = both(b"id,b\n00123,1\n00124,2\n", text=["id"])
    assert fast["id"].tolist() == ["00123", "00124"]
    assert_same(fast, slow)


@pytest.mark.parametrize(
    ("case", "raw"),
    [
        ("a quoted field", b'a,b\n"1",2\n'),
        ("a blank line", b"a,b\n1,2\n\n3,4\n"),
        ("a padded number", b"a,b\n 1,2\n"),
        ("a cell ending in a no-break space", "a,b\nx\u00a0,2\n".encode()),
        ("CR-only endings", b"a,b\r1,2\r"),
        ("a lone CR", b"a,b\n1,2\r3\n"),
        ("a ragged row", b"a,b\n1,2,3\n"),
        ("a short row", b"a,b\n1\n"),
        ("bytes that are not UTF-8", b"a,b\n\xf6,2\n"),
        ("a name twice", b"a,a\n1,2\n"),
        ("no rows", b"a,b\n"),
        ("an empty file", b""),
        ("a leading plus", b"a\n+5\n"),
        ("an integer beyond int64", b"a\n99999999999999999999\n"),
        ("a cell over the csv module's limit", b"a\n" + b"x" * 200_000 + b"\n"),
    ],
)
def test_unusual_files_are_left_to_the_cell_by_cell_reader(case, raw):
    assert parse_plain(raw) is None


def answer(raw: bytes, header: list[str], *, cell_by_cell: bool):
    try:
        return parse_table(
            raw, "f.csv", required=header[:1], allowed_extra=header[1:], text=["id"],
            cell_by_cell=cell_by_cell,
        )  # fmt: skip
    except DataValidationError as exc:
        return str(exc)


def assert_same_answer(rows: list[list[str]]) -> None:
    """``parse_table`` answers rows joined into a file as the cell-by-cell reader does."""
    header = ["id", "x", "y"]
    raw = "\n".join(",".join(row) for row in [header, *rows]).encode()
    fast = answer(raw, header, cell_by_cell=False)
    slow = answer(raw, header, cell_by_cell=True)
    if isinstance(slow, str):
        assert fast == slow
    else:
        assert_same(fast, slow)


def long_file(last_region: str) -> bytes:
    """5,001 rows: a category of two values, then ``last_region`` in the last row."""
    rows = [f"{number},{('north', 'south')[number % 2]},{number}" for number in range(5_000)]
    return ("id,region,n\n" + "\n".join([*rows, f"5000,{last_region},7"]) + "\n").encode()


@pytest.mark.parametrize("last", ["east", "east ", "\u3000east", "e" * 300])
def test_a_category_is_looked_at_to_its_last_cell(last):
    """A column with few values in its first cells is checked value by value: all of them."""
    raw = long_file(last)
    if last != last.strip():  # a padded cell is the cell-by-cell reader's to decide
        assert parse_plain(raw) is None
    else:
        fast, slow = both(raw)
        assert_same(fast, slow)
        assert fast["region"].iloc[-1] == last


CELLS = st.text(alphabet='0123456789.eE+- ,ab\u00a0"\r\n', max_size=6)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(CELLS, min_size=3, max_size=3), min_size=0, max_size=6))
def test_any_bytes_get_the_cell_by_cell_readers_answer(rows):
    assert_same_answer(rows)


PLAIN_CELLS = st.one_of(
    st.text(alphabet="0123456789.eE+- ab\u00a0\u0661\uff11", max_size=6),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(PLAIN_CELLS, min_size=3, max_size=3), min_size=1, max_size=6))
def test_plain_rows_of_any_numbers_and_words_read_the_same_either_way(rows):
    assert_same_answer(rows)


def test_the_space_list_is_what_str_strip_removes():
    every_space = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    assert every_space == STRIP_SPACES
