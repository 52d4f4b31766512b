"""``assess``: score a maturity self-assessment and print the gaps to close next.

Answers come from a YAML or JSON file mapping question id to ``true``/``false`` (questions
left out count as *no*); see ``docs/accelerator/guidance/data/contoso_answers.yaml``. Without
``--answers`` the command asks each question, but only when standard input is a terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

import yaml

from accelerator.guidance.assessment import (
    AnswersError,
    Assessment,
    assess,
    load_answers,
)
from accelerator.guidance.questionnaire import questionnaire
from reference_impl.arguments import given_path

YES = {"y", "yes"}
NO = {"", "n", "no"}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``assess`` sub-command.

    Args:
        subparsers: The parent parser's sub-parser collection.
    """
    parser = subparsers.add_parser(
        "assess",
        help="score the MLOps maturity self-assessment (levels 0-4 per dimension)",
        description=(
            "Score each maturity dimension (people, model creation, model release, "
            "application integration) from 0 to 4 and list the gaps to close next."
        ),
    )
    parser.add_argument(
        "--answers",
        type=given_path,
        metavar="FILE",
        help="YAML or JSON mapping of question id to true/false; omitted ids count as no. "
        "Without it, the questions are asked on the terminal.",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.set_defaults(func=run)


def ask(stdin: TextIO, stdout: TextIO) -> dict[str, bool]:
    """Ask every question on the terminal and collect yes/no answers.

    Args:
        stdin: Where answers are read from.
        stdout: Where questions are written.

    Returns:
        Question id to answer; an empty answer or end of input counts as no.
    """
    answers: dict[str, bool] = {}
    for dimension in questionnaire().dimensions:
        print(f"\n{dimension.name}", file=stdout)
        for question in dimension.questions:
            while True:
                print(f"  [level {question.level}] {question.text} [y/N] ", end="", file=stdout)
                stdout.flush()
                reply = stdin.readline()
                word = reply.strip().lower()
                if not reply or word in NO | YES:
                    answers[question.id] = word in YES
                    break
                print("  please answer y or n", file=stdout)
    return answers


def render_text(result: Assessment) -> str:
    """Format an assessment for the terminal.

    Args:
        result: The scored assessment.

    Returns:
        The levels per dimension, the overall level and the numbered gaps with their links.
    """
    lines = ["Dimension                 Level"]
    lines += [f"{s.name:<25} {s.level}" for s in result.scores]
    weakest = min(result.scores, key=lambda s: s.level)
    lines.append(
        f"\nOverall: level {result.overall}, {weakest.level_name} "
        f"(set by the weakest dimension, {weakest.name})"
    )
    if not result.gaps:
        lines.append("\nNo gaps: every question is answered yes.")
        return "\n".join(lines)
    lines.append("\nClose these next, most urgent first:")
    for number, gap in enumerate(result.gaps, start=1):
        q = gap.question
        lines.append(f"{number:>2}. {gap.dimension} -> level {gap.target_level}: {q.text}")
        where = f"docs/{q.page}" + (f", {q.module}" if q.module else "")
        lines.append(f"    read: {where}")
    return "\n".join(lines)


def render_json(result: Assessment) -> str:
    """Format an assessment as JSON.

    Args:
        result: The scored assessment.

    Returns:
        JSON with ``levels`` (dimension id to level), ``overall`` and ``gaps``.
    """
    payload = {
        "levels": {s.dimension: s.level for s in result.scores},
        "overall": result.overall,
        "gaps": [
            {
                "dimension": g.dimension,
                "target_level": g.target_level,
                "question": g.question.id,
                "page": f"docs/{g.question.page}",
                "module": g.question.module,
            }
            for g in result.gaps
        ],
    }
    return json.dumps(payload, indent=2)


def run(args: argparse.Namespace) -> int:
    """Score the answers and print the result.

    Args:
        args: Parsed arguments with ``answers`` and ``format``.

    Returns:
        ``0`` on success; ``2`` when the answers file is unreadable or invalid, or when no
        file is given and standard input is not a terminal.
    """
    try:
        if args.answers is not None:
            answers = load_answers(args.answers)
        elif sys.stdin.isatty():
            answers = ask(sys.stdin, sys.stdout)
        else:
            print(
                "error: no --answers FILE given and standard input is not a terminal to ask on",
                file=sys.stderr,
            )
            return 2
        result = assess(answers)
    except AnswersError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # missing, a folder, a name too long: the system's reason
        print(
            f"error: cannot read --answers {args.answers}: {exc.strerror or exc}", file=sys.stderr
        )
        return 2
    except UnicodeDecodeError:
        print(f"error: {args.answers}: not UTF-8 text; save the file as UTF-8", file=sys.stderr)
        return 2
    except yaml.YAMLError as exc:  # its text quotes the file's lines: say where, not what
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        print(f"error: {args.answers}: not valid YAML or JSON{where}", file=sys.stderr)
        return 2
    print(render_json(result) if args.format == "json" else render_text(result))
    return 0
