import pytest

from accelerator.guidance.markdown import markdown_table
from accelerator.guidance.maturity_levels import levels_table, maturity_levels, next_level
from tests.accelerator.helpers import table_rows


def test_markdown_table_escapes_pipes_and_refuses_ragged_rows():
    table = markdown_table(["a", "b"], [("x|y", 1)])
    assert table.splitlines()[2] == "| x\\|y | 1 |"
    with pytest.raises(ValueError, match="expected 2"):
        markdown_table(["a", "b"], [("only one",)])


def test_next_level_bounds():
    assert next_level(0).level == 1
    assert next_level(4) is None
    with pytest.raises(ValueError, match="between 0 and 4"):
        next_level(5)


def test_levels_table_has_five_rows_with_the_official_names():
    rows = table_rows(levels_table())
    assert [r[1] for r in rows] == [lvl.name for lvl in maturity_levels()]
    assert rows[0][1] == "No MLOps" and rows[-1][1] == "Full MLOps automated operations"
