"""The environments table on the configuration page, rendered from the shipped files."""

from accelerator.config_table import environments_table


def test_environments_table_has_one_column_per_environment():
    table = environments_table().splitlines()
    assert table[0] == "| Setting | dev | test | prod |"
    assert any("`mlw-mlops-test`" in row for row in table)
