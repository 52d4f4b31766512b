"""A local receiver for the data collector: what ``serve`` collects lands in the working directory.

In a managed online deployment, the ``Collector`` of ``azureml-ai-monitoring`` posts each
record to a data-collection sidecar (``POST http://$AZUREML_MDC_HOST:$AZUREML_MDC_PORT/modeldata/log``,
headers ``ce-type``, ``ce-time``, ``ce-x-request-id``, …) which writes JSON Lines to blob storage
under ``<collection>/YYYY/MM/DD/HH/``. ``serve`` runs this receiver on 127.0.0.1 instead and
writes the same records, in the same layout, under ``DIR/collected/``; :func:`read_inputs`
turns the ``model_inputs`` records back into a table that ``monitor`` compares with the
training baseline.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from reference_impl.scoring.collect import INPUTS, OUTPUTS

LOG_PATH = "/modeldata/log"
_TYPE_PREFIX = "azureml.inference."
_COLLECTIONS = (INPUTS, OUTPUTS)


def collected_folder(workdir_root: Path) -> Path:
    """Where ``serve`` writes collected records.

    Args:
        workdir_root: The working directory.

    Returns:
        ``DIR/collected``.
    """
    return workdir_root / "collected"


# --8<-- [start:record-shape]
def record_of(headers: Any, body: bytes) -> tuple[str, dict[str, Any]]:
    """Turn one collector post into the record the blob store would hold.

    Args:
        headers: The request headers (``ce-*`` attributes of the event).
        body: The JSON rows (``DataFrame.to_json(orient="records")``).

    Returns:
        The collection name and the record.

    Raises:
        ValueError: If the event names no known collection or the body is not a JSON list.
    """
    kind = str(headers.get("ce-type", ""))
    collection = kind.removeprefix(_TYPE_PREFIX)
    if not kind.startswith(_TYPE_PREFIX) or collection not in _COLLECTIONS:
        raise ValueError(f"unknown collection in ce-type {kind[:60]!r}")
    data = json.loads(body)
    if not isinstance(data, list):
        raise ValueError("collected data must be a JSON list of rows")
    seconds = int(headers.get("ce-time") or datetime.now(UTC).timestamp())
    return collection, {
        "specversion": "1.0",
        "id": headers.get("trace-id"),
        "type": kind,
        "time": datetime.fromtimestamp(seconds, UTC).isoformat(),
        "datacontenttype": "application/json",
        "correlationid": headers.get("ce-x-request-id"),
        "modelversion": headers.get("ce-model-version"),
        "agent": headers.get("ce-agent"),
        "data": data,
    }
    # --8<-- [end:record-shape]


class CollectedWriter:
    """Appends records to ``<folder>/<collection>/YYYY/MM/DD/HH/records.jsonl``, thread-safely."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()

    def write(self, collection: str, record: dict[str, Any]) -> Path:
        """Append one record.

        Args:
            collection: ``model_inputs`` or ``model_outputs``.
            record: The record.

        Returns:
            The file written.
        """
        hour = datetime.fromisoformat(record["time"]).strftime("%Y/%m/%d/%H")
        path = self.folder / collection / hour / "records.jsonl"
        line = json.dumps(record, separators=(",", ":")) + "\n"
        with self._lock:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as stream:
                stream.write(line)
        return path


def _handler(writer: CollectedWriter) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # the http.server interface
            if self.path != LOG_PATH:
                self._answer(404, "not found")
                return
            length = int(self.headers.get("Content-Length") or 0)
            try:
                collection, record = record_of(self.headers, self.rfile.read(length))
            except ValueError as exc:
                self._answer(400, str(exc))
                return
            writer.write(collection, record)
            self._answer(200, "ok")

        def _answer(self, status: int, text: str) -> None:
            body = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:  # the server's access log stays quiet
            return None

    return Handler


# --8<-- [start:start-sink]
def start_sink(folder: Path) -> tuple[ThreadingHTTPServer, dict[str, str]]:
    """Start the receiver on a free loopback port, in a daemon thread.

    Args:
        folder: Where records are written (``DIR/collected``).

    Returns:
        The server (``shutdown()`` stops it) and the environment variables that point the
        scoring process's collector at it.
    """
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(CollectedWriter(folder)))
    threading.Thread(target=server.serve_forever, name="collected-data", daemon=True).start()
    env = {
        "AZUREML_MDC_ENABLED": "true",
        "AZUREML_MDC_HOST": "127.0.0.1",
        "AZUREML_MDC_PORT": str(server.server_address[1]),
    }
    return server, env
    # --8<-- [end:start-sink]


class CollectedDataError(ValueError):
    """A collected file holds a line that is not a record the data collector writes.

    Args:
        path: The file.
        line: Its line number (1-based), or ``0`` for the whole file.
        problem: What is wrong with it.
    """

    def __init__(self, path: Path, line: int, problem: str) -> None:
        self.path, self.line, self.problem = path, line, problem
        super().__init__(self.where(str(path)))

    def where(self, name: str) -> str:
        """The sentence, naming the file as ``name`` (e.g. its blob name, not a local copy).

        Args:
            name: How to call the file.

        Returns:
            ``<name> line <n>: <problem>``.
        """
        return f"{name}{f' line {self.line}' if self.line else ''}: {self.problem}"


def _record(path: Path, number: int, line: str) -> dict[str, Any]:
    """One line as a record of the data collector: an object with a ``data`` list of objects."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise CollectedDataError(
            path, number, f"not a JSON record ({exc.msg} at column {exc.colno})"
        ) from None
    data = record.get("data") if isinstance(record, dict) else None
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise CollectedDataError(
            path, number, 'not a collector record: it needs a "data" list of objects'
        )
    return record


def read_records(folder: Path, collection: str) -> list[dict[str, Any]]:
    """All complete records of a collection, oldest file first.

    The receiver appends while ``monitor`` (or anyone) reads, so the last line of the newest
    file may be half written: a last line that is not yet JSON and has no newline after it is
    left for the next call, once the receiver has finished it. Any other bad line is an error.

    Args:
        folder: ``DIR/collected`` (or a copy of the blob folder).
        collection: ``model_inputs`` or ``model_outputs``.

    Returns:
        The records.

    Raises:
        CollectedDataError: If a file is not UTF-8 or a line is not a collector record.
    """
    records = []
    for path in sorted((folder / collection).rglob("*.jsonl")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise CollectedDataError(path, 0, "not UTF-8 text") from None
        lines = text.splitlines()
        for index, line in enumerate(lines):
            if not line.strip():
                continue
            if index == len(lines) - 1 and not text.endswith("\n") and not _is_json(line):
                break  # still being appended
            records.append(_record(path, index + 1, line))
    return records


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


def read_inputs(folder: Path) -> Any:
    """The collected model inputs as one table (a row per scored row).

    Args:
        folder: ``DIR/collected``.

    Returns:
        A ``pandas.DataFrame`` with the feature columns and ``correlationid``.

    Raises:
        FileNotFoundError: If nothing was collected under ``folder``.
    """
    import pandas as pd

    records = read_records(folder, INPUTS)
    if not records:
        raise FileNotFoundError(f"no collected {INPUTS} under {folder}")
    rows = [
        {**row, "correlationid": record.get("correlationid")}
        for record in records
        for row in record["data"]
    ]
    return pd.DataFrame(rows)
