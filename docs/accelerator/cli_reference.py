"""Render the command line's reference (commands and exit codes) as Markdown for the site."""

from __future__ import annotations

import argparse

from accelerator.guidance.markdown import markdown_table
from reference_impl.cli import build_parser
from reference_impl.exit_codes import ExitCode

EXIT_MEANINGS = {
    ExitCode.OK: "done (for `train`: whatever the promotion gate decided)",
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
    """An option's default as a reader types it; ``—`` for none (and for a flag)."""
    value = action.default
    if value in (None, False, [], argparse.SUPPRESS):
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"`{value}`"


def options_table(command: str) -> str:
    """One row per option of a sub-command, read from its parser.

    Args:
        command: A sub-command name, e.g. ``train``.

    Returns:
        A Markdown table: the option, its default, the ``--target`` it belongs to (an option
        of one target is refused on the other) and its help text.
    """
    sub = _subcommand_action(build_parser()).choices[command]
    targets = sub.get_default("target_only") or {}
    rows = []
    for action in sub._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        option = action.option_strings[-1]
        typed = f"{option} {action.metavar or action.dest.upper()}" if action.nargs != 0 else option
        if action.choices:
            typed = f"{option} {{{','.join(action.choices)}}}"
        target = targets.get(option, ("any",))[0]
        meaning = (action.help or "").replace("|", "\\|")
        rows.append((f"`{typed}`", _default(action), target, meaning))
    return markdown_table(["Option", "Default", "Target", "Meaning"], rows)


def train_options_table() -> str:
    """The options of ``train`` (:func:`options_table`).

    Returns:
        A Markdown table.
    """
    return options_table("train")
