"""The generated command-line reference matches the parser and the exit codes."""

from accelerator.cli_reference import commands_table, exit_codes_table
from reference_impl.cli import COMMAND_MODULES
from reference_impl.exit_codes import ExitCode


def test_every_registered_command_has_a_row_with_usage():
    rows = commands_table().splitlines()[2:]
    names = [row.split("|")[1].strip().strip("`") for row in rows]
    assert len(names) == len(COMMAND_MODULES)
    for name in names:
        assert any(f"python -m reference_impl {name} " in row for row in rows)
    assert "train" in names and "new-project" not in names  # accelerator commands live apart


def test_every_exit_code_has_a_meaning():
    rows = exit_codes_table().splitlines()[2:]
    assert [int(row.split("|")[1]) for row in rows] == [int(code) for code in ExitCode]
    assert all(row.split("|")[3].strip() for row in rows)


def test_the_train_options_table_is_the_parser_and_names_each_options_target():
    from accelerator.cli_reference import train_options_table

    rows = {row.split("|")[1].strip(): row.split("|")[3].strip() for row in
            train_options_table().splitlines()[2:]}  # fmt: skip
    assert rows["`--dry-run`"] == "azureml" and rows["`--lock-wait SECONDS`"] == "local"
    assert rows["`--target {local,azureml}`"] == "any"
    assert "`--workdir WORKDIR`" in rows and "`--data DATA`" in rows
