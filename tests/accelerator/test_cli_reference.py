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


def test_the_contract_infer_options_table_is_the_nested_parser_and_marks_required_options():
    from accelerator.cli_reference import contract_infer_options_table

    lines = contract_infer_options_table().splitlines()
    assert lines[0] == "| Option | Default | Meaning |"  # no option of one target only
    rows = {row.split("|")[1].strip(): row.split("|")[2].strip() for row in lines[2:]}
    assert rows == {
        "`--data FILE`": "required", "`--label COL`": "required",
        "`--task {binary,multiclass,regression}`": "required", "`--id COL`": "required",
        "`--segment COL`": "—", "`--ignore COL`": "—", "`--category COL`": "—",
        "`--out FILE`": "required",
    }  # fmt: skip


COMMANDS = [module.replace("_", "-") for module in COMMAND_MODULES]


def test_each_command_help_ends_with_the_exit_codes_its_module_declares():
    from accelerator.cli_reference import _command_parser, command_exits

    for command in COMMANDS:
        exits = command_exits(command)
        assert ExitCode.OK in exits and ExitCode.USAGE in exits, command
        # the lines joined again; argparse may break a line after a hyphen ("sign-", "in")
        help_text = " ".join(_command_parser(command).format_help().split()).replace("- ", "-")
        for code, meaning in exits.items():
            assert f"{int(code)} {meaning}" in help_text, (command, code)


def test_the_matrix_has_a_row_per_command_and_a_column_per_exit_code():
    from accelerator.cli_reference import command_exits, command_exits_matrix

    lines = command_exits_matrix().splitlines()
    assert lines[0].split("|")[2:-1] == [f" {int(code)} " for code in ExitCode]
    for command, line in zip(COMMANDS, lines[2:], strict=True):
        cells = [cell.strip() for cell in line.split("|")[1:-1]]
        assert cells[0] == f"`{command}`"
        assert [code for code, cell in zip(ExitCode, cells[1:], strict=True) if cell] == list(
            command_exits(command)
        )


def test_the_scheduler_table_says_what_to_do_on_every_exit_code():
    from accelerator.cli_reference import scheduler_table

    rows = scheduler_table().splitlines()[2:]
    assert [int(row.split("|")[1]) for row in rows] == [int(code) for code in ExitCode]
    assert all(cell.strip() for row in rows for cell in row.split("|")[2:-1])


def test_every_exit_code_a_bad_input_class_names_is_declared_by_its_command():
    """bad_input.yaml says which command answers a class with which code: each must be in
    that command's declared exit codes (classes for "every command" in all of them)."""
    from accelerator.cli_reference import command_exits
    from accelerator.guidance.bad_input import bad_input

    checked = 0
    for case in bad_input().classes:
        for said in case.command.split(", "):
            first = said.strip("`").split()[0] if said.strip() else ""
            commands = COMMANDS if said.startswith("every command") else [first]
            for command in (c for c in commands if c in COMMANDS):
                assert ExitCode[case.exit] in command_exits(command), (case.id, command)
                checked += 1
    assert checked >= 50  # the check reads the classes' command field as written today
