"""Parse and check a scoring request before the model sees it.

Request schema (``Content-Type: application/json``)::

    {"data": [{"tenure_months": 36, "monthly_charges": 47.59, ..., "age": 55}, ...]}

``data`` is a list of 1 to :data:`MAX_ROWS` objects; each object has exactly the feature
fields of the model's data contract, with JSON numbers for numeric features (whole numbers
for integer ones) inside the contract's range, and one of the allowed strings for
categorical ones (a category of codes takes the JSON whole number that writes one, ``3`` for
``"3"``, as a client reading the codes from a table sends them; for a true/false category,
JSON ``true``/``false`` or either value in any case:
:attr:`~reference_impl.contract.Feature.true_false`). Anything else is a client error
with a message naming the row and field, never a server error.

The checks are compiled once per contract (:class:`RequestParser`), so scoring one row does
no per-request schema work, and the rows come back as plain tuples in the contract's
column order, ready for the model's encoder without a DataFrame.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any, Protocol

from reference_impl.contract import DataContract, Feature

if TYPE_CHECKING:
    import pandas as pd

MAX_BODY_BYTES = 1_000_000
MAX_ROWS = 1_000
_READ_CHUNK = 64 * 1024


class RequestError(ValueError):
    """The request is malformed; ``status`` is the HTTP status to answer with.

    Args:
        message: What is wrong, naming the row and field.
        status: ``400`` for bad content, ``413`` for a body over the size limit, ``405`` for
            a method other than ``POST``.
    """

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class HttpRequest(Protocol):
    """What :func:`read_body` needs of an HTTP request (a Flask/Werkzeug request has it)."""

    method: str
    content_length: int | None
    stream: Any


# --8<-- [start:read-body]
def read_body(request: HttpRequest, limit: int = MAX_BODY_BYTES) -> bytes:
    """Read a request body, refusing one over ``limit`` bytes without reading it.

    A declared ``Content-Length`` over the limit is refused before a byte of the body is
    read; a chunked body (no length) is read at most ``limit + 1`` bytes far.

    Args:
        request: The HTTP request.
        limit: Largest body accepted, in bytes.

    Returns:
        The body bytes.

    Raises:
        RequestError: 405 for a method other than POST, 413 for a body over the limit.
    """
    if request.method != "POST":
        raise RequestError('use POST with a JSON body {"data": [{...}, ...]}', 405)
    declared = request.content_length
    if declared is not None and declared > limit:
        raise RequestError(f"body has {declared} bytes; the limit is {limit}", 413)
    chunks, size = [], 0
    while size <= limit:
        chunk = request.stream.read(min(_READ_CHUNK, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise RequestError(f"body has more than {limit} bytes; the limit is {limit}", 413)
    return b"".join(chunks)
    # --8<-- [end:read-body]


def _reject_constant(name: str) -> float:
    raise RequestError(f"body is not valid JSON: {name} is not a number")


class _Repeated(dict):
    """A JSON object in which a field name appears more than once.

    ``json`` keeps the last value of a repeated name without a word, so the model would score
    a value the client may not have meant; the object is marked instead, and refused where its
    place in the request (top level, row number) is known.
    """

    name: str


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Build a decoded JSON object, marking it when a field name appears twice."""
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    repeated, seen = _Repeated(obj), set()
    for key, _ in pairs:
        if key in seen:
            repeated.name = key
            break
        seen.add(key)
    return repeated


def _decode(body: str | bytes) -> Any:
    if len(body) > MAX_BODY_BYTES:
        raise RequestError(f"body has {len(body)} bytes; the limit is {MAX_BODY_BYTES}", 413)
    if isinstance(body, bytes):
        try:
            body = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RequestError(f"body is not UTF-8 text: byte at position {exc.start}") from None
    body = body.removeprefix("\ufeff")  # a byte order mark (Notepad's UTF-8), as RFC 8259 allows
    if not body.strip():
        raise RequestError('body is empty; expected {"data": [{...}, ...]}')
    try:
        return json.loads(body, parse_constant=_reject_constant, object_pairs_hook=_object)
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


def _json_kind(value: object) -> str:
    """What a decoded JSON value is, in JSON's words: ``null``, ``true``, ``text '36'``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"text {_show(value)}"
    if isinstance(value, int | float):
        return f"the number {_show(value)}"
    return "a list" if isinstance(value, list) else "an object"


def _check(feature: Feature, value: Any, number: int) -> Any:
    where = f"row {number}, field {feature.name!r}"
    if feature.is_numeric:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise RequestError(f"{where}: expected a number, got {_json_kind(value)}")
        if feature.kind == "integer" and isinstance(value, float) and not value.is_integer():
            raise RequestError(f"{where}: expected a whole number, got {_show(value)}")
        if not feature.minimum <= value <= feature.maximum:
            raise RequestError(
                f"{where}: {_show(value)} is outside [{feature.minimum:g}, {feature.maximum:g}]"
            )
        return int(value) if feature.kind == "integer" else float(value)
    if not isinstance(value, str):
        raise RequestError(f"{where}: expected a string, got {_json_kind(value)}")
    raise RequestError(f"{where}: {_show(value)} is not one of {', '.join(feature.categories)}")


class RequestParser:
    """The request checks of one data contract, compiled once.

    Args:
        contract: The data contract stored with the served model.
    """

    def __init__(self, contract: DataContract) -> None:
        self.contract = contract
        self.names = tuple(contract.feature_names)
        self._name_set = frozenset(self.names)
        # (name, kind, minimum, maximum, categories, true/false spelling, feature) per feature;
        # kind: 0 int, 1 float, 2 text
        self._specs = tuple(
            (
                f.name,
                {"integer": 0, "number": 1, "category": 2}[f.kind],
                f.minimum,
                f.maximum,
                frozenset(f.categories),
                f.true_false,
                f,
            )
            for f in contract.features
        )

    def rows(self, body: str | bytes) -> list[tuple[Any, ...]]:
        """Check a request body and return its rows as tuples in the contract's column order.

        Args:
            body: The raw request body (JSON text or UTF-8 bytes).

        Returns:
            One tuple per row: ``int`` for integer features, ``float`` for numbers, ``str``
            for categories; for a ``null`` in a nullable feature, ``nan`` (a number) or
            ``None`` (a category).

        Raises:
            RequestError: Naming the first problem found; ``status`` is 400 or 413.
        """
        payload = _decode(body)
        if not isinstance(payload, dict) or "data" not in payload:
            raise RequestError('expected a JSON object with a "data" list')
        if type(payload) is _Repeated:
            raise RequestError(f"top-level field {_show(payload.name)} appears more than once")
        if len(payload) > 1:
            extra = sorted(str(key)[:40] for key in payload if key != "data")
            raise RequestError(f"unexpected top-level field(s): {', '.join(extra)}")
        rows = payload["data"]
        if not isinstance(rows, list) or not rows:
            raise RequestError('"data" must be a non-empty list of objects')
        if len(rows) > MAX_ROWS:
            raise RequestError(f'"data" has {len(rows)} rows; the limit is {MAX_ROWS}', 413)
        return [self._row(number, row) for number, row in enumerate(rows)]

    def _row(self, number: int, row: Any) -> tuple[Any, ...]:
        if not isinstance(row, dict):
            raise RequestError(f"row {number}: expected an object, got {_json_kind(row)}")
        if type(row) is _Repeated:
            raise RequestError(f"row {number}: field {_show(row.name)} appears more than once")
        if len(row) != len(self.names) or not self._name_set.issuperset(row):
            missing = [name for name in self.names if name not in row]
            unknown = sorted(str(key)[:40] for key in row if key not in self._name_set)
            parts = [f"missing field(s) {', '.join(missing)}"] if missing else []
            parts += [f"unexpected field(s) {', '.join(unknown)}"] if unknown else []
            raise RequestError(f"row {number}: {'; '.join(parts)}")
        values = []
        for name, kind, low, high, categories, spelling, feature in self._specs:
            value = row[name]
            kind_of = type(value)
            if kind == 2:
                if kind_of is str and value in categories:
                    pass
                elif value is None and feature.nullable:
                    pass  # an empty category: encoded as no category, as an unknown one is
                elif kind_of is int and str(value) in categories:
                    value = str(value)  # a code written as a number: 3 for region key "3"
                elif kind_of in (bool, str) and str(value).lower() in spelling:
                    value = spelling[str(value).lower()]  # a true/false category: true, "TRUE"
                else:
                    _check(feature, value, number)
            elif kind_of is int or (kind_of is float and (kind == 1 or value.is_integer())):
                if not low <= value <= high:
                    _check(feature, value, number)
                value = int(value) if kind == 0 else float(value)
            elif value is None and feature.nullable:
                value = math.nan  # an empty cell, which the model fills (see estimator.py)
            else:  # bool, str, None, list, dict, an int subclass...: the slow path says why
                value = _check(feature, value, number)
            values.append(value)
        return tuple(values)


# --8<-- [start:parse-request]
def parse_request(body: str | bytes, contract: DataContract) -> pd.DataFrame:
    """Turn a request body into a typed frame with one row per customer.

    Args:
        body: The raw request body (JSON text or UTF-8 bytes).
        contract: The data contract stored with the served model.

    Returns:
        The rows with the contract's column order and types.

    Raises:
        RequestError: Naming the first problem found; ``status`` is 400 or 413.
    """
    import pandas as pd

    parser = RequestParser(contract)
    return pd.DataFrame.from_records(parser.rows(body), columns=list(parser.names))
    # --8<-- [end:parse-request]
