"""Step ``prep``: split rows into training rows and a fixed holdout.

The split hashes the customer id, so a customer stays on the same side in every run and
every data refresh: the holdout the gate compares champion and challenger on is the same
customers each time, and no training customer ever leaks into it.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from reference_impl.collector import as_command
from reference_impl.contract import DataContract
from reference_impl.exit_codes import ExitCode
from reference_impl.pipeline.graph import parse_step_args
from reference_impl.steps.files import (
    HOLDOUT_ROWS,
    TRAINING_ROWS,
    VALIDATED_ROWS,
    read_contract,
    read_rows,
    write_contract,
    write_rows,
)
from reference_impl.validation.display import short_value
from reference_impl.validation.errors import DataValidationError


# --8<-- [start:in-holdout]
def in_holdout(customer_id: str, holdout_percent: int) -> bool:
    """Whether a customer belongs to the holdout, decided by a stable hash of the id.

    Args:
        customer_id: The customer's id.
        holdout_percent: Share of customers kept aside, in percent.

    Returns:
        ``True`` for about ``holdout_percent`` % of ids, always the same ones.
    """
    digest = hashlib.sha256(customer_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100 < holdout_percent
    # --8<-- [end:in-holdout]


def split(
    frame: pd.DataFrame, holdout_percent: int, id_column: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split validated rows into training rows and holdout rows.

    Args:
        frame: Validated rows with the id column.
        holdout_percent: Share of customers kept aside, in percent.
        id_column: The contract's id column.

    Returns:
        ``(train, holdout)``.
    """
    mask = holdout_mask(frame[id_column].astype(str).to_numpy(dtype=object), holdout_percent)
    return frame[~mask], frame[mask]


def holdout_mask(ids: Sequence[str], holdout_percent: int) -> np.ndarray:
    """:func:`in_holdout` for many ids at once: one tight loop of hashes, then numpy.

    Args:
        ids: Customer ids.
        holdout_percent: Share of customers kept aside, in percent.

    Returns:
        A boolean array, ``True`` where :func:`in_holdout` is ``True``.
    """
    sha256 = hashlib.sha256
    prefixes = b"".join([sha256(cid.encode("utf-8")).digest()[:4] for cid in ids])
    return np.frombuffer(prefixes, dtype=">u4") % 100 < holdout_percent


def check_classes(train: pd.DataFrame, holdout: pd.DataFrame, contract: DataContract) -> None:
    """Refuse a split that leaves a class out of the training rows or out of the holdout.

    The split follows the id, not the label, so a class with few rows can land on one side
    only: absent from the training rows it can never be predicted; absent from the holdout,
    ROC AUC and recall are undefined and the gate would judge the model on ``nan``.

    Args:
        train: Training rows.
        holdout: Holdout rows.
        contract: The data contract (a regression label has no classes to check).

    Raises:
        DataValidationError: Naming each class missing from a side and its row count.
    """
    if contract.task == "regression":
        return
    label = contract.label
    counts = pd.concat([train[label], holdout[label]]).value_counts(sort=False)
    problems = []
    for side, rows, use in (("training", train, "learn"), ("holdout", holdout, "be measured on")):
        present = set(rows[label])
        problems += [
            f"class {short_value(value)} has {count} row(s), none of them among the {side} "
            f"rows (a row's side follows a hash of its id): the model could not {use} it; add "
            f"labelled rows of class {short_value(value)}"
            for value, count in counts.items()
            if value not in present
        ]
    if problems:
        raise DataValidationError(f"label {label!r}", problems)


def prep(
    validated_data: Path, train_data: Path, holdout_data: Path, *, holdout_percent: int
) -> dict:
    """Write ``train.parquet`` and ``holdout.parquet``, each beside the contract it was checked by.

    Args:
        validated_data: Folder with ``data.parquet`` from the ``validate`` step.
        train_data: Output folder for the training rows.
        holdout_data: Output folder for the holdout rows.
        holdout_percent: Share of customers kept aside, in percent.

    Returns:
        Row counts of both parts.

    Raises:
        DataValidationError: A class of the label is missing from one side of the split.
    """
    contract = read_contract(validated_data)
    frame = read_rows(validated_data, VALIDATED_ROWS)
    train, holdout = split(frame, holdout_percent, contract.id_column)
    check_classes(train, holdout, contract)
    write_contract(train_data, contract)
    write_contract(holdout_data, contract)
    write_rows(train, train_data, TRAINING_ROWS)
    write_rows(holdout, holdout_data, HOLDOUT_ROWS)
    return {"train_rows": len(train), "holdout_rows": len(holdout)}


def main(argv: Sequence[str] | None = None) -> int:
    """Command line of the step.

    Args:
        argv: Arguments without the program name.

    Returns:
        ``0``, or ``4`` when a class of the label is missing from one side of the split.
    """
    args = parse_step_args("prep", argv)
    try:
        counts = prep(
            args.validated_data,
            args.train_data,
            args.holdout_data,
            holdout_percent=args.holdout_percent,
        )
    except DataValidationError as exc:
        print(f"error: cannot split the training data: {exc}", file=sys.stderr)
        return ExitCode.BAD_DATA
    print(f"prep: {counts['train_rows']} training rows, {counts['holdout_rows']} holdout rows")
    return 0


if __name__ == "__main__":
    sys.exit(as_command(main))
