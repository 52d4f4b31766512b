"""Column rules (types, ranges, empty values, categories) built from the data contract.

The rules are a pandera schema generated from :data:`~reference_impl.contract.CONTRACT`,
so adding a feature to the contract adds its checks here. pandera reports every failing
cell; :func:`summarize_failures` folds them into one sentence per column and rule, with
the places of the first offenders (CSV line numbers, or row numbers of Parquet and Delta data).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reference_impl.contract import DataContract, Feature
from reference_impl.validation.display import short_value
from reference_impl.validation.errors import DataValidationError
from reference_impl.validation.lexical import not_numbers, unusable_ids
from reference_impl.validation.positions import LINES, Positions, positions_of
from reference_impl.validation.true_false import spell_true_false, zero_one

if TYPE_CHECKING:
    import pandas as pd
    import pandera.pandas as pa

# Integers are read as floats and checked to be whole: coercing 2.5 to int64 would truncate it.
_DTYPES = {"integer": "float64", "number": "float64", "category": "str"}
_KIND_WORDS = {"integer": "whole numbers", "number": "numbers", "category": "text"}
_EXAMPLES = 3


def _whole_number() -> pa.Check:
    import pandera.pandas as pa

    return pa.Check(lambda s: s % 1 == 0, name="whole_number")


def _column(feature: Feature) -> pa.Column:
    import pandera.pandas as pa

    checks = []
    if feature.kind == "integer":
        checks.append(_whole_number())
    if feature.is_numeric:
        checks.append(pa.Check.in_range(feature.minimum, feature.maximum))
    else:
        checks.append(pa.Check.isin(list(feature.categories)))
    return pa.Column(_DTYPES[feature.kind], checks, nullable=feature.nullable, coerce=True)


def build_schema(contract: DataContract, *, with_label: bool) -> pa.DataFrameSchema:
    """Build the pandera schema of a data file.

    Args:
        contract: The data contract.
        with_label: Whether the label column is part of the file.

    Returns:
        A schema that coerces types and checks every column; the id must be present and unique.
    """
    import pandera.pandas as pa

    columns = {feature.name: _column(feature) for feature in contract.features}
    columns[contract.id_column] = pa.Column("str", nullable=False, unique=True, coerce=True)
    if with_label:
        columns[contract.label] = _label_column(contract)
    return pa.DataFrameSchema(columns, strict=False)


def _label_column(contract: DataContract) -> pa.Column:
    """The label's rule for the task: 0/1, one of the classes, or any finite number."""
    import pandera.pandas as pa

    if contract.task == "multiclass":
        checks = [pa.Check.isin(list(contract.classes))]
        return pa.Column("str", checks, nullable=False, coerce=True)
    checks = [_whole_number(), pa.Check.isin([0, 1])] if contract.task == "binary" else []
    return pa.Column("float64", checks, nullable=False, coerce=True)


def _describe(check: str, contract: DataContract, column: str) -> str:
    if check.startswith(("coerce_dtype", "whole_number")):
        kind = contract.label_kind if column == contract.label else contract.feature(column).kind
        return f"value(s) are not {_KIND_WORDS[kind]}"
    if check == "not_nullable":
        return "empty value(s)"
    if check == "field_uniqueness":
        return "duplicate value(s)"
    if check.startswith("in_range"):
        feature = contract.feature(column)
        return f"value(s) outside [{feature.minimum:g}, {feature.maximum:g}]"
    if check.startswith("isin"):
        feature = contract.feature(column) if column != contract.label else None
        allowed = feature.categories if feature else contract.label_values
        return f"value(s) not in the allowed set ({', '.join(allowed)})"
    return f"failed check {check}"  # pragma: no cover - every schema check is named above


def _show(value: Any) -> str:
    return short_value(value)


_HINT = " (true/false, '_' separators, inf/nan and non-ASCII digits are not numbers here)"


def _looks_numeric(value: object) -> bool:
    """Whether Python or pandas would have read ``value`` as a number (so a hint helps)."""
    if isinstance(value, bool):
        return True
    text = str(value).strip().lower()
    if text in {"true", "false", "inf", "-inf", "+inf", "infinity", "nan"}:
        return True
    try:
        float(text)
    except ValueError:
        return False
    return True


def lexical_problems(
    frame: pd.DataFrame, contract: DataContract, *, with_label: bool, at: Positions = LINES
) -> tuple[list[str], list[str]]:
    """Find what ``float()`` or pandas would quietly accept: booleans and odd numerals, bad ids.

    Args:
        frame: Rows as read.
        contract: The data contract.
        with_label: Whether the label column is checked.
        at: How a cell's place is named (CSV lines, or rows of columnar data).

    Returns:
        One sentence per column with such cells, and the names of those columns (the schema
        then skips them, so each column is reported once).
    """
    numeric = [feature.name for feature in contract.numeric]
    numeric += [contract.label] if with_label and contract.label_kind != "category" else []
    problems, columns = [], []
    for name in (n for n in numeric if n in frame.columns):
        bad = not_numbers(frame[name])
        if bad.any():
            shown = ", ".join(
                f"{_show(value)} ({at.one(index)})"
                for index, value in frame[name][bad].head(_EXAMPLES).items()
            )
            more = ", ..." if int(bad.sum()) > _EXAMPLES else ""
            kind = contract.label_kind if name == contract.label else contract.feature(name).kind
            hint = _HINT if frame[name][bad].map(_looks_numeric).any() else ""
            problems.append(
                f"column {name!r}: {int(bad.sum())} value(s) are not {_KIND_WORDS[kind]}: "
                f"{shown}{more}{hint}"
            )
            columns.append(name)
    if contract.id_column in frame.columns:
        bad = unusable_ids(frame[contract.id_column])
        if bad.any():
            problems.append(
                f"column {contract.id_column!r}: {int(bad.sum())} id(s) are blank or hold a "
                f"control character such as NUL: "
                f"{at.many(bad[bad].index[:_EXAMPLES], int(bad.sum()) > _EXAMPLES)}"
            )
            columns.append(contract.id_column)
    return problems, columns


def summarize_failures(
    failure_cases: pd.DataFrame, contract: DataContract, at: Positions = LINES
) -> list[str]:
    """Fold pandera's failure cases into one sentence per column and rule.

    Args:
        failure_cases: ``SchemaErrors.failure_cases`` (one row per failing cell).
        contract: The data contract, for ranges and categories in the message.
        at: How a cell's place is named (CSV lines, or rows of columnar data).

    Returns:
        Sentences like ``column 'age': 2 value(s) outside [18, 100]: 7 (line 4), ...``.
    """
    problems = []
    for (column, check), group in failure_cases.groupby(["column", "check"], sort=False):
        if check.startswith("dtype") or group["index"].isna().all():
            continue  # dtype repeats coerce_dtype; unindexed rows are checks skipped after it
        cells = group
        head = cells.head(_EXAMPLES)
        more = len(cells) > _EXAMPLES
        if check == "not_nullable":
            examples = at.many(head["index"], more)
        else:
            examples = ", ".join(
                f"{_show(value)} ({at.one(index)})"
                for value, index in zip(head["failure_case"], head["index"], strict=True)
            ) + (", ..." if more else "")
        what = _describe(str(check), contract, str(column))
        problems.append(f"column {column!r}: {len(cells)} {what}: {examples}")
    return problems


# --8<-- [start:validate-frame]
def validate_frame(
    frame: pd.DataFrame,
    contract: DataContract,
    *,
    source: str,
    with_label: bool = True,
    min_rows: int = 1,
) -> pd.DataFrame:
    """Check every row of ``frame`` and return it with the contract's types.

    A true/false category takes any spelling of the two values, and booleans
    (:mod:`~reference_impl.validation.true_false`); the rows returned hold the contract's.

    Args:
        frame: Rows read by :func:`~reference_impl.validation.reader.read_table`.
        contract: The data contract.
        source: Name of the file, used in the error message.
        with_label: Whether the label must be present, fit the task (0/1, one of the
            classes, a number) and hold more than one value. A binary label may also be a
            boolean column (Parquet, Delta) or text ``true``/``false`` in any case (Spark's CSV):
            false is 0, true is 1.
        min_rows: Fewest rows accepted.

    Returns:
        The validated rows, with integer, float and text columns.

    Raises:
        DataValidationError: Listing every problem found (all columns are checked).
    """
    import pandera.pandas as pa

    at = positions_of(frame)
    frame = spell_true_false(frame, contract)
    label = contract.label
    if with_label and contract.task == "binary" and label in frame:
        as_numbers = zero_one(frame[label])  # a boolean label, typed or written true/false
        if as_numbers is not None:
            frame = frame.assign(**{label: as_numbers})
    problems = []
    if len(frame) < min_rows:
        problems.append(f"only {len(frame)} row(s); at least {min_rows} are needed")
    lexical, skipped = lexical_problems(frame, contract, with_label=with_label, at=at)
    problems.extend(lexical)
    schema = build_schema(contract, with_label=with_label)
    try:
        validated = schema.remove_columns(skipped).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        problems.extend(summarize_failures(exc.failure_cases, contract, at))
        raise DataValidationError(source, problems) from None
    if skipped:
        raise DataValidationError(source, problems)
    # a nullable integer stays float64: int64 holds no empty cell
    integers = [f.name for f in contract.features if f.kind == "integer" and not f.nullable]
    integers += [contract.label] if with_label and contract.task == "binary" else []
    validated = validated.astype(dict.fromkeys(integers, "int64"))
    if with_label and len(validated) and validated[contract.label].nunique() < 2:
        only = validated[contract.label].iloc[0]
        need = {"binary": "need 0 and 1", "multiclass": "need at least two classes"}
        problems.append(
            f"label column {contract.label!r} holds only "
            f"{'the value' if contract.task == 'regression' else 'class'} {only}; "
            f"{need.get(contract.task, 'nothing to learn from')}"
        )
    if problems:
        raise DataValidationError(source, problems)
    return validated
    # --8<-- [end:validate-frame]
