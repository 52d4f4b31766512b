"""``contract infer``: propose a data contract from a sample of a team's own data."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reference_impl.arguments import TABLE_FORMS, given_path
from reference_impl.commands._common import unwritable
from reference_impl.exit_codes import STOPPED, ExitCode, exit_codes_sentence

if TYPE_CHECKING:
    import pandas as pd

TASK_CHOICES = ("binary", "multiclass", "regression")
"""The contract's tasks, written out so ``--help`` needs no pydantic (a test keeps them equal)."""
LEADING_ZERO = r"^[+-]?0[0-9]"
"""A cell of digits that starts with a zero (``007``): a code, since no number is written so."""


EXITS: dict[ExitCode, str] = {
    ExitCode.OK: "written",
    ExitCode.USAGE: "bad arguments, or --out exists or cannot be written",
    ExitCode.BAD_DATA: "the sample cannot describe a contract (a missing column, a column in two "
    "roles, a label that does not fit the task, a file training would refuse)",
    **STOPPED,
}
"""What each exit code of ``contract`` means; its ``--help`` and the site list them."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``contract`` sub-command.

    Args:
        subparsers: The parent parser's sub-parser collection.
    """
    parser = subparsers.add_parser(
        "contract",
        help="propose a data contract from a sample of your data",
        description=exit_codes_sentence(EXITS),
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    infer = actions.add_parser(
        "infer",
        help="write a contract YAML describing a sample of your table, for review",
    )
    infer.add_argument(
        "--data",
        type=given_path,
        required=True,
        metavar="FILE",
        help=f"the sample: {TABLE_FORMS}",
    )
    infer.add_argument(
        "--label", required=True, metavar="COL", help="the column the model predicts"
    )
    infer.add_argument(
        "--task",
        choices=TASK_CHOICES,
        required=True,
        help="what the label is: 0 and 1 (binary), three or more classes (multiclass) or a "
        "number (regression)",
    )
    infer.add_argument(
        "--id",
        dest="id_column",
        required=True,
        metavar="COL",
        help="the row identifier; never a model input",
    )
    infer.add_argument(
        "--segment",
        metavar="COL",
        help="a category column whose groups the per-segment and fairness metrics compare",
    )
    infer.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="COL",
        help="a column that is no model input (a load date, a note): listed under ignore, "
        "so the data may keep it; repeatable",
    )
    infer.add_argument(
        "--category",
        action="append",
        default=[],
        metavar="COL",
        help="a column to describe as a category whatever its values: more than 50 of them (a "
        "product code, a postcode district), or codes written as numbers; repeatable",
    )
    infer.add_argument(
        "--out",
        type=given_path,
        required=True,
        metavar="FILE",
        help="the contract file to write (its folder is made if missing); an existing file is "
        "never overwritten",
    )
    infer.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read the sample, propose the contract and write it.

    Args:
        args: Parsed arguments.

    Returns:
        An :class:`~reference_impl.exit_codes.ExitCode`.
    """
    from reference_impl.contract_inference import (
        InferenceError,
        contract_yaml,
        infer_contract,
    )
    from reference_impl.whole_file import output_problem, whole_file

    if problem := output_problem(args.out):
        return unwritable("--out", args.out, problem)
    if args.out.exists():  # a reviewed contract is never overwritten by a proposal
        print(f"error: --out {args.out} exists; choose another file or remove it", file=sys.stderr)
        return ExitCode.USAGE
    try:
        frame = _read_sample(args.data, args.id_column, args.category)
        contract = infer_contract(
            frame, label=args.label, task=args.task, id_column=args.id_column,
            segment=args.segment, ignore=args.ignore, categories=args.category,
        )  # fmt: skip
    except InferenceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.BAD_DATA
    try:
        with whole_file(args.out) as side:
            side.write_text(contract_yaml(contract, str(args.data), len(frame)), encoding="utf-8")
    except OSError as exc:
        return unwritable("--out", args.out, exc)
    print(
        f"wrote {args.out}: {contract.task}, label {contract.label}, "
        f"{len(contract.features)} features; review it before training with "
        f"--contract {args.out}"
    )
    return ExitCode.OK


def _read_sample(path: Path, id_column: str, categories: Sequence[str] = ()) -> pd.DataFrame:
    """Read the sample as training reads its data, whatever columns it has.

    The same reader as ``train`` (:func:`~reference_impl.validation.reader.read_table`): a
    header with a repeated or blank name, a ragged row or another delimiter is refused as
    training would refuse it, and a Delta table folder is read at its latest version (as
    plain Parquet it would add the rows of files the table no longer holds). A CSV column of
    digits written with leading zeros (``007``, ``0412``) is a code, not a number: it stays
    text, and so becomes a category whose values keep their zeros. So does a column of numbers
    named by ``--category``: the reader keeps it as text, as training reads a category column.
    """
    import pandas as pd

    from reference_impl.contract_inference import InferenceError
    from reference_impl.paths import missing_problem
    from reference_impl.validation.errors import DataValidationError
    from reference_impl.validation.formats import detect_format
    from reference_impl.validation.reader import read_table

    if problem := missing_problem(path):
        raise InferenceError(f"--data {path}: {problem}")
    try:
        frame = read_table(path, required=(), text=(id_column, *categories), any_columns=True)
        numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]
        if not numeric or detect_format(path) != "csv":  # a Parquet string keeps its zeros
            return frame
        as_text = read_table(path, required=(), text=numeric, any_columns=True)
    except DataValidationError as exc:
        raise InferenceError(f"--data {path}: {'; '.join(exc.problems)}") from None
    codes = [c for c in numeric if as_text[c].str.match(LEADING_ZERO, na=False).any()]
    return frame.assign(**{column: as_text[column] for column in codes})
