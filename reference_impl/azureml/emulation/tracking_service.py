"""A stand-in for Azure ML's MLflow tracking service: MLflow's own server behind an allow-list.

Azure ML's workspace speaks MLflow's REST protocol (``azureml-mlflow``'s stores subclass
MLflow's ``RestStore``) but does not serve every endpoint of it. This stand-in runs MLflow's
tracking server on SQLite in a separate process and answers **only** the endpoints listed in
:data:`SERVED`; anything else gets what the service sends for an endpoint it lacks, ``404``
with an empty body (as reported in azure-sdk-for-python#44896 for ``logged-models``).

The list follows Microsoft's support matrix for MLflow on Azure ML (runs, metrics, params,
tags, artifacts; registering models from runs, searching them, editing version tags and
descriptions). It has no alias endpoints and no logged-model, trace or webhook endpoints.
Run artifacts go to Azure ML's artifact store in a workspace; here MLflow's artifact proxy
(``mlflow-artifacts``) plays that part.

Run it as ``python -m reference_impl.azureml.emulation.tracking_service --store DIR``; it
prints ``listening <url>`` once it accepts requests.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_API = "/api/2.0/mlflow"
# --8<-- [start:served]
SERVED: tuple[tuple[str, str], ...] = (
    ("GET", f"{_API}/experiments/get-by-name"),
    ("GET", f"{_API}/experiments/get"),
    ("POST", f"{_API}/experiments/create"),
    ("POST", f"{_API}/experiments/search"),
    ("POST", f"{_API}/runs/create"),
    ("GET", f"{_API}/runs/get"),
    ("POST", f"{_API}/runs/update"),
    ("POST", f"{_API}/runs/search"),
    ("POST", f"{_API}/runs/log-batch"),
    ("POST", f"{_API}/runs/log-metric"),
    ("POST", f"{_API}/runs/log-parameter"),
    ("POST", f"{_API}/runs/set-tag"),
    ("POST", f"{_API}/runs/delete-tag"),
    ("GET", f"{_API}/metrics/get-history"),
    ("GET", f"{_API}/artifacts/list"),
    ("POST", f"{_API}/registered-models/create"),
    ("GET", f"{_API}/registered-models/get"),
    ("GET", f"{_API}/registered-models/search"),
    ("POST", f"{_API}/model-versions/create"),
    ("GET", f"{_API}/model-versions/get"),
    ("GET", f"{_API}/model-versions/search"),
    ("PATCH", f"{_API}/model-versions/update"),
    ("POST", f"{_API}/model-versions/set-tag"),
    ("DELETE", f"{_API}/model-versions/delete-tag"),
    ("GET", f"{_API}/model-versions/get-download-uri"),
    ("*", "/api/2.0/mlflow-artifacts/artifacts"),  # stands in for Azure ML's artifact store
)
"""``(method, path prefix)`` of every endpoint the service answers; ``*`` is any method."""
# --8<-- [end:served]


def is_served(method: str, path: str) -> bool:
    """Whether Azure ML's tracking service answers this request.

    Args:
        method: HTTP method.
        path: Request path.

    Returns:
        ``True`` if an entry of :data:`SERVED` matches the method and the path (exactly, or
        as a prefix followed by ``/`` for the artifact store).
    """
    for allowed, prefix in SERVED:
        if allowed not in ("*", method):
            continue
        if path == prefix or (allowed == "*" and path.startswith(prefix + "/")):
            return True
    return False


def allow_list(app: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
    """Wrap a WSGI app so that requests the service would not answer get ``404``, no body.

    Args:
        app: MLflow's tracking server.

    Returns:
        The filtered WSGI app.
    """

    def filtered(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        if is_served(method, path):
            return app(environ, start_response)
        print(f"tracking stand-in: 404 {method} {path} (not served by Azure ML)", file=sys.stderr)
        start_response("404 Not Found", [("Content-Length", "0")])
        return [b""]

    return filtered


def main(argv: Sequence[str] | None = None) -> int:
    """Serve the stand-in until killed.

    Args:
        argv: ``--store DIR`` (SQLite database and artifacts) and optionally ``--port``.

    Returns:
        ``0`` when stopped.
    """
    import logging
    import os

    parser = argparse.ArgumentParser(description="stand-in for Azure ML's MLflow tracking")
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    store = args.store.resolve()
    (store / "artifacts").mkdir(parents=True, exist_ok=True)
    os.environ["_MLFLOW_SERVER_FILE_STORE"] = f"sqlite:///{store / 'mlflow.db'}"
    os.environ["_MLFLOW_SERVER_ARTIFACT_ROOT"] = "mlflow-artifacts:/"
    os.environ["_MLFLOW_SERVER_SERVE_ARTIFACTS"] = "true"
    os.environ["_MLFLOW_SERVER_ARTIFACT_DESTINATION"] = (store / "artifacts").as_uri()
    from mlflow.server import app
    from mlflow.server.handlers import _get_tracking_store
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per refused call instead
    _get_tracking_store()  # create the database before the first client asks
    server = make_server("127.0.0.1", args.port, allow_list(app), threaded=True)
    print(f"listening http://127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()
    return 0


@contextmanager
def tracking_stand_in(store: Path, timeout: float = 120.0) -> Iterator[str]:
    """Run the stand-in in its own process for the duration of a ``with`` block.

    Args:
        store: Folder for its database and artifacts.
        timeout: Seconds to wait for it to listen.

    Yields:
        Its URL, for ``MLFLOW_TRACKING_URI``.

    Raises:
        RuntimeError: If it exits before listening.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", __name__, "--store", str(store)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.match(r"listening (\S+)", line)
        if not match:
            code = process.wait(timeout)
            raise RuntimeError(f"the tracking stand-in did not start (exit {code})")
        yield match[1]
    finally:
        process.terminate()
        process.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
