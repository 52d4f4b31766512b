"""Parse and check a scoring request before the model sees it.

Request schema (``Content-Type: application/json``)::

    {"data": [{"tenure_months": 36, "monthly_charges": 47.59, ..., "age": 55}, ...]}

``data`` is a list of 1 to :data:`MAX_ROWS` objects; each object has exactly the feature
fields of the model's data contract, with JSON numbers for numeric features (whole numbers
for integer ones) inside the contract's range, and one of the allowed strings for
categorical ones. Anything else is a client error with a message naming the row and field,
never a server error.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from reference_impl.contract import DataContract, Feature

MAX_BODY_CHARS = 1_000_000
MAX_ROWS = 1_000


class RequestError(ValueError):
    """The request is malformed; ``status`` is the HTTP status to answer with.

    Args:
        message: What is wrong, naming the row and field.
        status: ``400`` for bad content, ``413`` for a body over the size limit.
    """

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _reject_constant(name: str) -> float:
    raise RequestError(f"body is not valid JSON: {name} is not a number")


def _decode(body: str) -> Any:
    if len(body) > MAX_BODY_CHARS:
        raise RequestError(f"body has {len(body)} characters; the limit is {MAX_BODY_CHARS}", 413)
    if not body.strip():
        raise RequestError('body is empty; expected {"data": [{...}, ...]}')
    try:
        return json.loads(body, parse_constant=_reject_constant)
    except RequestError:
        raise
    except json.JSONDecodeError as exc:
        raise RequestError(f"body is not valid JSON: {exc.msg} at position {exc.pos}") from None
    except RecursionError:
        raise RequestError("body is nested too deeply") from None
    except ValueError as exc:  # e.g. an integer literal with more than 4300 digits
        raise RequestError(f"body is not valid JSON: {_show(exc)}") from None


def _show(value: object) -> str:
    text = repr(value) if not isinstance(value, BaseException) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _value(feature: Feature, value: Any, where: str) -> Any:
    if feature.is_numeric:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise RequestError(f"{where}: expected a number, got {type(value).__name__}")
        if feature.kind == "integer" and isinstance(value, float) and not value.is_integer():
            raise RequestError(f"{where}: expected a whole number, got {_show(value)}")
        if not feature.minimum <= value <= feature.maximum:
            raise RequestError(
                f"{where}: {_show(value)} is outside [{feature.minimum:g}, {feature.maximum:g}]"
            )
        return int(value) if feature.kind == "integer" else float(value)
    if not isinstance(value, str):
        raise RequestError(f"{where}: expected a string, got {type(value).__name__}")
    if value not in feature.categories:
        raise RequestError(f"{where}: {_show(value)} is not one of {', '.join(feature.categories)}")
    return value


# --8<-- [start:parse-request]
def parse_request(body: str, contract: DataContract) -> pd.DataFrame:
    """Turn a request body into a typed frame with one row per customer.

    Args:
        body: The raw request body (JSON text).
        contract: The data contract stored with the served model.

    Returns:
        The rows with the contract's column order and types.

    Raises:
        RequestError: Naming the first problem found; ``status`` is 400 or 413.
    """
    payload = _decode(body)
    if not isinstance(payload, dict) or "data" not in payload:
        raise RequestError('expected a JSON object with a "data" list')
    extra = sorted(str(key)[:40] for key in payload if key != "data")
    if extra:
        raise RequestError(f"unexpected top-level field(s): {', '.join(extra)}")
    rows = payload["data"]
    if not isinstance(rows, list) or not rows:
        raise RequestError('"data" must be a non-empty list of objects')
    if len(rows) > MAX_ROWS:
        raise RequestError(f'"data" has {len(rows)} rows; the limit is {MAX_ROWS}', 413)
    names = contract.feature_names
    records = []
    for number, row in enumerate(rows):
        if not isinstance(row, dict):
            raise RequestError(f"row {number}: expected an object, got {type(row).__name__}")
        missing = [name for name in names if name not in row]
        unknown = sorted(str(key)[:40] for key in row if key not in names)
        if missing or unknown:
            parts = [f"missing field(s) {', '.join(missing)}"] if missing else []
            parts += [f"unexpected field(s) {', '.join(unknown)}"] if unknown else []
            raise RequestError(f"row {number}: {'; '.join(parts)}")
        records.append(
            {
                f.name: _value(f, row[f.name], f"row {number}, field {f.name!r}")
                for f in contract.features
            }
        )
    return pd.DataFrame.from_records(records, columns=names)
    # --8<-- [end:parse-request]
