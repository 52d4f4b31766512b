"""``new-project``: generate a new ML project from this repository's copier template."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reference_impl.arguments import given_path
from reference_impl.exit_codes import ExitCode


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``new-project`` sub-command.

    Args:
        subparsers: The parent parser's sub-parser collection.
    """
    parser = subparsers.add_parser(
        "new-project",
        help="generate a new ML project from the copier template",
        description="Render the reference project into DEST with copier (the same as "
        "`copier copy --defaults`). Exit codes: 0 generated, 2 bad answers, or a DEST that is "
        "not empty or cannot be a folder.",
    )
    parser.add_argument("dest", type=given_path, metavar="DEST", help="folder of the new project")
    parser.add_argument(
        "--answer",
        dest="answers",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="answer a template question, e.g. ci=azure-devops (repeatable)",
    )
    parser.set_defaults(func=run)


def parse_answers(pairs: list[str]) -> dict[str, str]:
    """Turn ``KEY=VALUE`` strings into a dict.

    Args:
        pairs: The ``--answer`` values.

    Returns:
        Answers by key.

    Raises:
        ValueError: If a pair has no ``=``, or a key is answered twice (the last answer would
            have been taken without a word).
    """
    answers: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"--answer {pair!r}: expected KEY=VALUE")
        if (key := key.strip()) in answers:
            raise ValueError(
                f"--answer {key} given twice ({answers[key]!r}, then {value.strip()!r}); "
                "answer each question once"
            )
        answers[key] = value.strip()
    return answers


def run(args: argparse.Namespace) -> int:
    """Generate the project and print where it is and how to start.

    Args:
        args: Parsed arguments (``dest``, ``answers``, ``defaults``).

    Returns:
        ``0`` on success, ``2`` for bad answers or a non-empty destination.
    """
    from accelerator.scaffold import check_answers, generate
    from reference_impl.whole_file import output_problem

    try:
        answers = check_answers(parse_answers(args.answers))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    dest: Path = args.dest
    if problem := output_problem(dest, folder=True):  # a file, a path under one, too long
        print(f"error: cannot generate into {dest}: {problem}", file=sys.stderr)
        return ExitCode.USAGE
    if dest.exists() and any(dest.iterdir()):
        print(f"error: {dest} exists and is not empty", file=sys.stderr)
        return ExitCode.USAGE
    try:
        final = generate(dest, answers)
    except ValueError as exc:  # a copier validator (e.g. a package name that is a keyword)
        print(f"error: {exc}{_derived(str(exc), answers)}", file=sys.stderr)
        return ExitCode.USAGE
    print(f"generated {final['project_name']!r} in {dest} (package {final['package_name']})")
    print(f"next: cd {dest} && python3 dev.py train && python3 dev.py test")
    return ExitCode.OK


def _derived(message: str, answers: dict[str, str]) -> str:
    """Where a refused ``package_name`` came from when nobody gave one: ``project_name``."""
    if not message.startswith("'package_name'") or "package_name" in answers:
        return ""
    from accelerator.scaffold import default_answers

    name = answers.get("project_name", default_answers()["project_name"])
    return (
        f" (it was derived from project_name {name!r}; name the package with "
        "--answer package_name=NAME)"
    )
