"""Propose a data contract from a sample of the data, for a person to review.

``contract infer`` reads a CSV or Parquet sample and writes the YAML a team would otherwise
type by hand: every column's kind, the observed range of numbers (whole numbers for integer
columns) and the list of categories. The proposal is a starting point: ranges observed in a
sample are narrower than what the business allows, so the file says to review them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reference_impl.contract import DataContract, Feature, Task

if TYPE_CHECKING:
    import pandas as pd

MAX_CATEGORIES = 50
"""A text column with more distinct values than this is no category (an id, free text)."""


class InferenceError(ValueError):
    """The sample cannot describe a contract (one sentence naming the column)."""


_NESTED = {"ndarray": "list", "list": "list", "dict": "struct", "bytes": "binary"}
"""How a Parquet value pandas hands over as a Python object is named in a message."""


_DATE_TEXT = (
    r"\d{4}-\d{2}-\d{2}"  # an ISO 8601 date, as CSV exports write one
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"  # and a time
)
"""A date or timestamp written as text: ``2026-11-30``, ``2026-11-30 03:00:00`` or Spark's
``2026-11-30T03:00:00.000Z``. In a CSV file such a column is text, and a few dates made it a
category that the next load's dates would break."""


def _unusable(values: pd.Series) -> str | None:
    """What a column holds that no feature kind describes (dates, lists...), or ``None``."""
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(values) or pd.api.types.is_timedelta64_dtype(values):
        return "dates or times"
    if values.dtype == object:  # text, or what Parquet nests: lists, structs, bytes, decimals
        odd = next((v for v in values if not isinstance(v, str | bool)), None)
        if odd is not None:
            return f"{_NESTED.get(type(odd).__name__, type(odd).__name__)} values"
    text = values.dtype == object or pd.api.types.is_string_dtype(values)
    if text and len(values) and values.astype(str).str.fullmatch(_DATE_TEXT).all():
        return "dates or times"
    return None


def _kind(frame: pd.DataFrame, column: str, *, chosen: bool = False) -> str:
    import pandas as pd

    if chosen:  # --category: the team says its values are a closed list, however long
        return "category"
    values = frame[column].dropna()
    if held := _unusable(values):
        raise InferenceError(
            f"column {column!r} holds {held}, which a contract cannot describe (a feature is a "
            "number, a category or true/false): derive one from it in the data, or leave the "
            "column out with --ignore"
        )
    if pd.api.types.is_bool_dtype(values):
        return "category"
    if pd.api.types.is_numeric_dtype(values):
        whole = pd.api.types.is_integer_dtype(values) or bool((values % 1 == 0).all())
        return "integer" if whole else "number"
    distinct = values.astype(str).nunique()
    if distinct > MAX_CATEGORIES:
        raise InferenceError(
            f"column {column!r} holds {distinct} distinct text values: it is no category "
            f"(at most {MAX_CATEGORIES} in a draft); pass it as --id if it identifies a row, as "
            "--category if its values are a closed list (a product code), or leave it out with "
            "--ignore"
        )
    return "category"


def _feature(frame: pd.DataFrame, column: str, *, chosen: bool = False) -> Feature:
    values = frame[column].dropna()
    if values.empty:
        raise InferenceError(f"column {column!r} is empty in every row: leave it out with --ignore")
    kind = _kind(frame, column, chosen=chosen)
    gaps = len(values) < len(frame)
    if kind == "category":
        categories = tuple(sorted(values.astype(str).unique()))
        return Feature(name=column, kind=kind, categories=categories, nullable=gaps)
    low, high = float(values.min()), float(values.max())
    if not (math.isfinite(low) and math.isfinite(high)):  # a float column of the sample
        raise InferenceError(
            f"column {column!r} holds infinite values, which no range can hold: replace them "
            "in the data, or leave the column out with --ignore"
        )
    if kind == "integer":
        low, high = float(math.floor(low)), float(math.ceil(high))
    return Feature(name=column, kind=kind, minimum=low, maximum=high, nullable=gaps)


def _all_refused(refused: dict[str, str]) -> str:
    """One message for every column that cannot be a feature, so one run names them all.

    Args:
        refused: Column name -> why it cannot be a feature, in the sample's order.

    Returns:
        The one reason, or all of them with the ``--ignore`` options that would leave every
        such column out (quoted as a shell needs them).
    """
    import shlex

    if len(refused) == 1:
        return next(iter(refused.values()))
    options = " ".join(f"--ignore {shlex.quote(name)}" for name in refused)
    return (
        f"{len(refused)} columns cannot be features as the sample holds them: "
        f"{'; '.join(refused.values())} (to leave them all out: {options})"
    )


def _segment_as_groups(frame: pd.DataFrame, segment: str) -> pd.DataFrame:
    """The segment column as the groups it names: a column of codes (region 1, 2, 3) is one.

    A warehouse often keys its groups by number (a region or branch key); ``--segment`` names
    them as groups, so their codes become a category, written as training reads a category
    column (``1``; ``1.0`` from a column typed double). Before, such a column was refused as
    numeric although a contract naming it a category trains.

    Raises:
        InferenceError: If the column has empty cells, holds more distinct values than a
            category may, or numbers with fractions (a measurement: ``1.50`` would not read
            back as ``1.5``).
    """
    import pandas as pd

    from reference_impl.validation.formats import cells_as_text

    values = frame[segment]
    if values.isna().any():
        raise InferenceError(
            f"--segment {segment!r} has empty values: the review compares its groups, and an "
            "empty cell is in none; write a gap as a group of its own (such as 'unknown') in "
            "the data, or pick another segment"
        )
    distinct = int(values.nunique())
    if distinct > MAX_CATEGORIES:
        raise InferenceError(
            f"--segment {segment!r} holds {distinct} distinct values; a segment is a column of "
            f"at most {MAX_CATEGORIES} groups (a region, a product line, an age band)"
        )
    if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
        return frame
    if not bool((values.dropna() % 1 == 0).all()):
        raise InferenceError(
            f"--segment {segment!r} holds numbers with fractions; a segment is a column of "
            "groups: a category, or whole-number codes"
        )
    return frame.assign(**{segment: cells_as_text(values)})


def _zero_one_doubles(values: pd.Series) -> bool:
    """Whether a float column holds 0.0 and 1.0 only, as a 0/1 label typed double does.

    Spark ML wants its label as a double, so a feature table built for it holds ``0.0`` and
    ``1.0`` (and its CSV export writes them so); ``train`` reads those as 0 and 1, and so does
    ``contract infer``. Any other float stays as written, to be named in the refusal.
    """
    import pandas as pd

    return pd.api.types.is_float_dtype(values) and bool(values.isin([0.0, 1.0]).all())


def _classes(frame: pd.DataFrame, label: str, task: Task) -> tuple[str, ...]:
    import pandas as pd

    from reference_impl.validation.true_false import LABEL_WORDS_SHOWN, zero_one

    values = frame[label].dropna()
    if empty := len(frame) - len(values):  # training refuses them: no proposal may allow them
        raise InferenceError(
            f"label {label!r} is empty in {empty} row(s): a row without its outcome cannot "
            "train; leave such rows (cases still open) out of the sample and the training data"
        )
    if task == "regression":
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            raise InferenceError(
                f"label {label!r} holds text or true/false values; a regression label is a number"
            )
        return ()
    as_numbers = zero_one(values) if task == "binary" else None
    if as_numbers is not None:  # a true/false label, typed or written: training reads 0/1
        values = as_numbers.astype("int64")
    elif task == "binary" and _zero_one_doubles(values):  # Spark ML types its labels double
        values = values.astype("int64")
    shown = sorted(values.astype(str).unique())
    if task == "binary":
        if set(shown) - {"0", "1"} or len(shown) != 2:
            raise InferenceError(
                f"label {label!r} holds {', '.join(shown[:5])}; a binary label holds 0 and 1, "
                f"or one pair of words in any case ({LABEL_WORDS_SHOWN})"
            )
        return ()
    if len(shown) < 3:
        raise InferenceError(
            f"label {label!r} holds {len(shown)} values; a multiclass label holds at least 3 "
            "(use --task binary for two)"
        )
    return tuple(shown)


SAME_ROLE = {"--segment", "--category"}
"""Options that may name the same column: a segment is a category feature whose groups are
compared, so ``--category`` on it says what ``--segment`` already did."""


# --8<-- [start:infer-contract]
def infer_contract(
    frame: pd.DataFrame,
    *,
    label: str,
    task: Task,
    id_column: str,
    segment: str | None = None,
    ignore: Sequence[str] = (),
    categories: Sequence[str] = (),
) -> DataContract:
    """Describe a sample as a contract: every other column becomes a feature.

    Args:
        frame: The sample, as read from its file.
        label: The target column.
        task: ``binary``, ``multiclass`` or ``regression``.
        id_column: The column identifying a row (never a model input).
        segment: A category column to compare groups on, if any.
        ignore: Columns that are no model input; the contract lists them under ``ignore``,
            so the data may keep them.
        categories: Columns to describe as categories whatever their values: more than
            :data:`MAX_CATEGORIES` of them, or codes written as numbers (read as text, as
            training reads a category column).

    Returns:
        The proposed contract.

    Raises:
        InferenceError: If a named column is missing or named in two roles, the sample has
            no rows, an id repeats, the label does not fit the task, a column has empty
            values, is text with too many values or holds what no feature kind describes.
    """
    named = [("--label", label), ("--id", id_column), ("--segment", segment)]
    role: dict[str, str] = {}  # column -> the option that named it first
    others = [*(("--ignore", c) for c in ignore), *(("--category", c) for c in categories)]
    for key, column in [*named, *others]:
        if column is None:
            continue
        if column not in frame.columns:
            raise InferenceError(f"{key} {column!r} is not a column of the sample")
        first = role.setdefault(column, key)
        if first != key and {first, key} != SAME_ROLE:  # e.g. the label as segment, or ignored
            raise InferenceError(
                f"{key} {column!r} is already the {role[column]} column; a column takes one role"
            )
    if frame.empty:
        raise InferenceError("the sample has a header but no rows")
    repeated = int(frame[id_column].duplicated().sum())
    if repeated:  # training refuses a repeated id: the contract would describe unusable data
        raise InferenceError(
            f"--id {id_column!r} repeats {repeated} value(s); an identifier names one row, "
            "and training refuses repeats"
        )
    classes = _classes(frame, label, task)
    if segment is not None:
        frame = _segment_as_groups(frame, segment)
    features, refused = [], {}
    for column in frame.columns:
        if column in (label, id_column, *ignore):
            continue
        try:
            features.append(_feature(frame, str(column), chosen=column in categories))
        except InferenceError as exc:
            refused[str(column)] = str(exc)
    if refused:
        raise InferenceError(_all_refused(refused))
    if not features:
        raise InferenceError("the sample has no column left to learn from")
    return DataContract(
        task=task, features=tuple(features), label=label, id_column=id_column,
        segment=segment, classes=classes, ignore=tuple(dict.fromkeys(ignore)),
    )  # fmt: skip
    # --8<-- [end:infer-contract]


def contract_yaml(contract: DataContract, source: str, rows: int) -> str:
    """Render a contract as the YAML file a person reviews and commits.

    Args:
        contract: The contract.
        source: The sample it was proposed from.
        rows: How many rows the sample had.

    Returns:
        YAML with a header saying what to review.
    """
    import yaml

    dumped: dict[str, Any] = contract.model_dump(mode="json", exclude_defaults=True)
    order = ("id_column", "label", "segment", "classes", "ignore", "features")
    data = {"task": contract.task, **{key: dumped[key] for key in order if key in dumped}}
    for feature in data["features"]:
        for key in ("minimum", "maximum"):
            if isinstance(feature.get(key), float) and feature[key].is_integer():
                feature[key] = int(feature[key])
    header = (
        f"# Proposed by `contract infer` from {source} ({rows} rows).\n"
        "# Review before training: widen each range to what the business allows (a sample\n"
        "# shows less), complete the category lists, and describe every column.\n"
    )
    if contract.nullable_names:
        header += (
            "# A nullable feature had empty cells in the sample: if an empty cell means a value\n"
            "# (0, none), fill it upstream and delete the key; else the model learns the gap.\n"
        )
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
