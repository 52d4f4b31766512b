"""Serve a built site on loopback the way GitHub Pages does, for browser tests and benchmarks.

Pages are served under the path of ``site_url`` (so absolute links resolve as published), unknown
addresses get the site's own ``404.html`` with status 404, and text is gzip-compressed when the
client accepts it.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv")


class PagesHandler(SimpleHTTPRequestHandler):
    """Static file handler with a path prefix, the site's 404 page and gzip."""

    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def _send_bytes(self, status: int, body: bytes, content_type: str, compressible: bool) -> None:
        if compressible and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6)
            encoding = "gzip"
        else:
            encoding = None
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                super().do_GET()  # the standard redirect to the trailing-slash address
                return
            target = target / "index.html"
        if not target.is_file():
            self.send_error(404)
            return
        self._send_bytes(
            200, target.read_bytes(), self.guess_type(str(target)), target.suffix in COMPRESSIBLE
        )

    def do_HEAD(self) -> None:
        self.do_GET()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        self._send_bytes(404, not_found.read_bytes(), "text/html; charset=utf-8", True)


class PagesServer(ThreadingHTTPServer):
    """A threaded server that takes a client hanging up mid-response as the normal thing it is.

    A browser cancels requests it no longer needs (it left the page, a search index it
    stopped waiting for); the write then fails with a broken pipe or a reset, which the
    standard server prints as a traceback into the test run's output.
    """

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_site(site_dir: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``site_dir`` on a free 127.0.0.1 port; yields the base URL (ending with '/')."""
    handler_class = type("SiteHandler", (PagesHandler,), {"prefix": prefix})
    handler = functools.partial(handler_class, directory=str(site_dir))
    server = PagesServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
