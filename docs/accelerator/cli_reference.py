"""Render the command line's reference (commands and exit codes) as Markdown for the site."""

from __future__ import annotations

import argparse
import importlib

from accelerator.guidance.markdown import markdown_table
from reference_impl.cli import COMMAND_MODULES, build_parser
from reference_impl.exit_codes import ExitCode

EXIT_MEANINGS = {
    ExitCode.OK: "done (for `train`: whatever the promotion gate decided)",
    ExitCode.AZURE_REFUSED: "an Azure ML call was refused (the message quotes Azure's answer), "
    "or there is no Azure sign-in; for `deploy` also a release that was rolled back",
    ExitCode.USAGE: "bad arguments or configuration, or a path to write (`--workdir`, "
    "`--output`, `--out`) that cannot be written; the message names the problem",
    ExitCode.RETRAIN_RECOMMENDED: "`monitor`: drift found, retraining recommended",
    ExitCode.BAD_DATA: "a data file breaks the contract; nothing was trained or registered",
    ExitCode.NO_CHAMPION: "`serve`, `batch-score`, `monitor`: no model holds the `champion` alias",
    ExitCode.BUSY: "`train`: another run on the same working directory held its lock longer than "
    "`--lock-wait` seconds, or moved the `champion` alias after this run's gate; nothing was "
    "promoted, run it again",
    ExitCode.STORE_DAMAGED: "the working directory's MLflow store (`mlflow.db`) is empty, damaged "
    "or half-created; the message says how to recover; nothing was trained or registered",
    ExitCode.GATE_REFUSED: "`promote`, `deploy`: the gate rejected the version (tag "
    "`gate=rejected`), or it carries no gate evidence or lineage tags; nothing was copied or "
    "deployed",
    ExitCode.INTERRUPTED: "stopped with Ctrl-C (`serve` exits `0` instead): one line says so; "
    "what finished stays, an interrupted `train` run is marked `KILLED`, and an output "
    "`batch-score` or `contract infer` was writing keeps its earlier content; the process "
    "then ends by SIGINT, as Python does, which a shell shows as 130 (and Python's "
    "`subprocess` as -2)",
}

SCHEDULER_ACTIONS = {
    ExitCode.OK: ("carry on; for `train`, read the gate's decision in the run, not the exit code",
                  "nobody"),
    ExitCode.AZURE_REFUSED: ("stop; read the quoted answer: a sign-in or permission problem needs "
                             "a person, a throttled or busy service (HTTP 429 or 503) is worth "
                             "one retry later", "the ML engineer on call"),
    ExitCode.USAGE: ("stop; the command line or configuration is wrong and a re-run will fail "
                     "the same way", "the engineer who changed the pipeline"),
    ExitCode.RETRAIN_RECOMMENDED: ("start the training pipeline; the promotion gate still decides "
                                   "whether the new model serves", "the model's owner, for "
                                   "information"),
    ExitCode.BAD_DATA: ("stop and keep the previous outputs; the input file breaks the data "
                        "contract", "the data owner named in the contract"),
    ExitCode.NO_CHAMPION: ("stop; nothing holds the champion alias yet: train and promote first",
                           "the ML engineer on call"),
    ExitCode.GATE_REFUSED: ("stop the release; the version was refused or lacks evidence",
                            "the release approver"),
    ExitCode.BUSY: ("retry after a few minutes; another run held the work folder's lock",
                    "nobody, unless it repeats"),
    ExitCode.STORE_DAMAGED: ("stop; restore or recreate the MLflow store before any other run",
                             "the ML engineer on call"),
    ExitCode.INTERRUPTED: ("stop; someone stopped the run with Ctrl-C (SIGINT): "
                           "what finished stays, so run it again when it is meant to run",
                           "whoever stopped it"),
}  # fmt: skip
"""What a scheduler should do with each exit code, and who hears about it."""


def _subcommand_action(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    """The parser's sub-command action (argparse exposes it only through ``_actions``)."""
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def commands_table() -> str:
    """One row per sub-command: its usage line and its help text, read from the parser.

    Returns:
        A Markdown table.
    """
    action = _subcommand_action(build_parser())
    helps = {choice.dest: choice.help for choice in action._choices_actions}
    rows = []
    for name, sub in action.choices.items():
        usage = " ".join(sub.format_usage().split()[1:]).replace("|", "\\|")
        rows.append((f"`{name}`", helps.get(name, ""), f"`{usage}`"))
    return markdown_table(["Command", "What it does", "Usage"], rows)


def exit_codes_table() -> str:
    """One row per exit code of the command line.

    Returns:
        A Markdown table.
    """
    return markdown_table(
        ["Exit code", "Name", "Meaning"],
        [(int(code), code.name, EXIT_MEANINGS[code]) for code in ExitCode],
    )


def _default(action: argparse.Action) -> str:
    """An option's default as a reader types it; ``required``, or ``—`` for none (and a flag)."""
    if action.required:
        return "required"
    value = action.default
    if value in (None, False, [], argparse.SUPPRESS):
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"`{value}`"


def _command_parser(command: str) -> argparse.ArgumentParser:
    """The parser of a sub-command, or of a nested one such as ``contract infer``."""
    parser = build_parser()
    for name in command.split():
        parser = _subcommand_action(parser).choices[name]
    return parser


def options_table(command: str) -> str:
    """One row per option of a sub-command, read from its parser.

    Args:
        command: A sub-command, e.g. ``train``, or a nested one, e.g. ``contract infer``.

    Returns:
        A Markdown table: the option, its default (or ``required``), the ``--target`` it
        belongs to when the command has options of one target only (they are refused on the
        other), and its help text.
    """
    sub = _command_parser(command)
    targets = sub.get_default("target_only") or {}
    rows = []
    for action in sub._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        option = action.option_strings[-1]
        typed = f"{option} {action.metavar or action.dest.upper()}" if action.nargs != 0 else option
        if action.choices:
            typed = f"{option} {{{','.join(action.choices)}}}"
        meaning = (action.help or "").replace("|", "\\|")
        target = (targets.get(option, ("any",))[0],) if targets else ()
        rows.append((f"`{typed}`", _default(action), *target, meaning))
    headers = ["Option", "Default", *(["Target"] if targets else []), "Meaning"]
    return markdown_table(headers, rows)


def train_options_table() -> str:
    """The options of ``train`` (:func:`options_table`).

    Returns:
        A Markdown table.
    """
    return options_table("train")


def contract_infer_options_table() -> str:
    """The options of ``contract infer`` (:func:`options_table`).

    Returns:
        A Markdown table.
    """
    return options_table("contract infer")


def command_exits(command: str) -> dict[ExitCode, str]:
    """What each exit code of a command means for it: the command module's ``EXITS``.

    Args:
        command: A command as typed, e.g. ``batch-score``.

    Returns:
        The command's exit codes and their meanings, in numeric order.
    """
    module = importlib.import_module(f"reference_impl.commands.{command.replace('-', '_')}")
    return dict(sorted(module.EXITS.items()))


def scheduler_table() -> str:
    """One row per exit code: what a scheduler should do and who hears about it.

    Returns:
        A Markdown table.
    """
    return markdown_table(
        ["Exit code", "What the pipeline should do", "Who hears about it"],
        [(int(code), *SCHEDULER_ACTIONS[code]) for code in ExitCode],
    )


def command_exits_matrix() -> str:
    """One row per command, one column per exit code: which codes each command returns.

    Returns:
        A Markdown table; each command's ``--help`` says what its codes mean for it.
    """
    rows = []
    for module in COMMAND_MODULES:
        command = module.replace("_", "-")
        exits = command_exits(command)
        rows.append((f"`{command}`", *("✓" if code in exits else "" for code in ExitCode)))
    return markdown_table(["Command", *(str(int(code)) for code in ExitCode)], rows)


def _exits_rows(command: str) -> list[tuple[object, ...]]:
    """A command's exit codes with their meaning and the scheduler's action."""
    return [
        (int(code), meaning, SCHEDULER_ACTIONS[code][0])
        for code, meaning in command_exits(command).items()
    ]


def monitor_exits_table() -> str:
    """The exit codes of ``monitor`` with what a scheduler should do on each.

    Returns:
        A Markdown table.
    """
    return markdown_table(
        ["Exit code", "Meaning", "What the scheduler should do"], _exits_rows("monitor")
    )


def serving_exits_table() -> str:
    """The exit codes of ``serve`` and ``batch-score``, one row per command and code.

    Returns:
        A Markdown table.
    """
    rows = [(f"`{command}`", *row[:2]) for command in ("serve", "batch-score")
            for row in _exits_rows(command)]  # fmt: skip
    return markdown_table(["Command", "Exit code", "Meaning"], rows)
