"""Step ``validate``: stop bad training data before anything learns from it.

Reads the raw CSV once, checks those bytes against the data contract (file format, columns,
types, ranges, empty values, categories, row count, both label classes) and writes the rows
it checked plus a small report with the SHA-256 of the bytes. The file is never read again,
so replacing it after the check changes nothing that is trained. Exit code ``4`` with one
line per problem when the data is bad.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reference_impl.collector import as_command
from reference_impl.config.model import LATEST_VERSION
from reference_impl.contract import ContractError, load_contract
from reference_impl.exit_codes import ExitCode
from reference_impl.lineage import record_data_reference
from reference_impl.pipeline.graph import parse_step_args
from reference_impl.steps.files import (
    VALIDATED_ROWS,
    write_contract,
    write_json,
    write_rows,
)
from reference_impl.validation import DataValidationError, validate_frame
from reference_impl.validation.formats import (
    data_reference,
    is_columnar,
    not_versioned,
    read_columnar,
)
from reference_impl.validation.reader import parse_table, read_source

if TYPE_CHECKING:
    import pandas as pd


# --8<-- [start:validate-file]
def validate_file(
    raw_data: Path,
    validated_data: Path,
    *,
    min_rows: int,
    contract: str = "contract.yaml",
    version: int | None = None,
) -> dict[str, Any]:
    """Validate the training data and write the rows it checked to ``validated_data``.

    Args:
        raw_data: The training data: a CSV or Parquet file, a folder of CSV or Parquet
            files, or a Delta table folder.
        validated_data: Output folder: the rows in ``data.parquet``, and in
            ``contract.json`` the contract they were checked against, read by every later step.
        min_rows: Fewest rows accepted.
        contract: The ``data.contract`` setting (a file in the configuration folder, or a path).
        version: The ``data.version`` setting: the Delta table version to read; ``None``,
            the newest.

    Returns:
        The report written to ``validation.json`` (rows, positive rate, segment sizes, and
        the SHA-256 of the bytes that were read, checked and kept).

    Raises:
        ContractError: If the contract file is missing or invalid; nothing is written.
        DataValidationError: If the file breaks the contract; nothing is written.
    """
    contract = load_contract(contract)
    columns = [contract.id_column, *contract.feature_names]
    reading = {"required": columns, "label": contract.label, "text": contract.text_columns,
               "allowed_extra": contract.ignore}  # fmt: skip
    if is_columnar(raw_data):  # Parquet or Delta: read once, check these rows
        frame = read_columnar(raw_data, version=version, **reading)
        raw = frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    elif version is not None:
        raise DataValidationError(str(raw_data), [not_versioned(version, "csv")])
    else:
        raw = read_source(raw_data)  # read once: these bytes are checked and kept
        frame = parse_table(raw, str(raw_data), **reading)
    frame = frame.drop(columns=[c for c in contract.ignore if c in frame.columns])
    valid = validate_frame(frame, contract, source=str(raw_data), min_rows=min_rows)
    write_rows(valid, validated_data, VALIDATED_ROWS)
    write_contract(validated_data, contract)
    report = {
        "source": str(raw_data),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "rows": len(valid),
        **label_summary(valid[contract.label], contract.task),
        "segments": {}
        if contract.segment is None
        else {str(k): int(v) for k, v in valid[contract.segment].value_counts().items()},
        "data_reference": data_reference(raw_data, raw, frame.attrs.get("data_version")),
    }
    write_json(validated_data / "validation.json", report)
    return report
    # --8<-- [end:validate-file]


def label_summary(labels: pd.Series, task: str) -> dict[str, Any]:
    """What the label looks like: the positive rate, each class's share, or mean and spread.

    Args:
        labels: The validated label column.
        task: The contract's task.

    Returns:
        ``positive_rate`` (binary), ``class_shares`` (multiclass) or ``label_mean`` and
        ``label_std`` (regression).
    """
    if task == "binary":
        return {"positive_rate": round(float(labels.mean()), 4)}
    if task == "multiclass":
        shares = labels.astype(str).value_counts(normalize=True).sort_index()
        return {"class_shares": {str(k): round(float(v), 4) for k, v in shares.items()}}
    return {
        "label_mean": round(float(labels.mean()), 4),
        "label_std": round(float(labels.std()), 4),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command line of the step (see :data:`~reference_impl.pipeline.graph.TRAINING_PIPELINE`).

    Args:
        argv: Arguments without the program name.

    Returns:
        ``0``, ``2`` when the contract file is invalid, or ``4`` when the data breaks it.
    """
    args = parse_step_args("validate", argv)
    version = None if args.data_version == LATEST_VERSION else int(args.data_version)
    try:
        report = validate_file(
            args.raw_data, args.validated_data, min_rows=args.min_rows, contract=args.contract,
            version=version,
        )  # fmt: skip
    except ContractError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    except DataValidationError as exc:
        print(f"error: invalid training data: {exc}", file=sys.stderr)
        return ExitCode.BAD_DATA
    record_data_reference(report["data_reference"])  # the registered model carries it
    label = (
        f"positive rate {report['positive_rate']:.1%}"
        if "positive_rate" in report
        else f"classes {report['class_shares']}"
        if "class_shares" in report
        else f"label mean {report['label_mean']:g}"
    )
    read_version = report["data_reference"].get("data_version")  # to train on it again
    read = f" (Delta table version {read_version})" if read_version is not None else ""
    print(f"validate: {report['rows']} rows{read}, {label}")
    return 0


if __name__ == "__main__":
    sys.exit(as_command(main))
