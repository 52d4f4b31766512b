"""``mkdocs serve`` on a copy of the site's sources, for the dev server's tests and benchmark.

The copy imports the project's packages from the repository's environment, so only its pages,
configuration and hooks are its own; editing them never touches the real pages.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

from tests.conftest import mkdocs_config

ROOT = Path(__file__).resolve().parents[1]
SKIPPED = {".git", ".venv", ".cache", "node_modules", "__pycache__", ".mlops", "site"}
CACHES = ("api-render", "guidance-tables", "search-entries", "notebooks")
INJECTED = re.compile(r"<script>\s*var livereload = .*?</script>", re.S)


def copy_sources(dest: Path) -> Path:
    """Copy the repository without its environments and history, plus the warm build caches.

    Args:
        dest: A folder that does not exist yet.

    Returns:
        ``dest``.
    """
    shutil.copytree(ROOT, dest, ignore=lambda _folder, names: [n for n in names if n in SKIPPED])
    for name in CACHES:
        if (ROOT / ".cache" / name).is_dir():
            shutil.copytree(ROOT / ".cache" / name, dest / ".cache" / name)
    return dest


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check: Callable[[], object], what: str, seconds: float = 120) -> object:
    """``check()``'s first truthy value, polled until ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while not (found := check()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)
    return found


class DevServer:
    """``mkdocs serve`` of a copy of the sources on a free loopback port, its log in a file.

    It builds under ``<folder>-build`` next to the copy (its ``TMPDIR``), so a stopped server
    leaves nothing in the machine's temporary folder.

    Args:
        folder: The copy (:func:`copy_sources`).
        log_path: Where the server's output goes.
        config: Another configuration file than the copy's ``mkdocs.yml``.
        env: Variables added to the server's environment.
    """

    def __init__(
        self,
        folder: Path,
        log_path: Path,
        config: Path | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.folder, self.port, self.log_path = folder, free_port(), log_path
        build_dir = folder.with_name(f"{folder.name}-build")
        build_dir.mkdir()
        variables = {**os.environ, **(env or {}), "NO_MKDOCS_2_WARNING": "1"}
        variables["TMPDIR"] = str(build_dir)
        cmd = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"]
        cmd += ["-f", str(config)] if config is not None else []
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                cmd, cwd=folder, env=variables, stdout=log, stderr=subprocess.STDOUT
            )
        prefix = urlsplit(mkdocs_config()["site_url"]).path
        self.base = f"http://127.0.0.1:{self.port}{prefix}"
        wait_for(
            lambda: "Serving on" in self.log() or self.process.poll() is not None, "serve", 300
        )
        assert self.process.poll() is None, self.log()

    def log(self, since: int = 0) -> str:
        """The server's output from character ``since`` on."""
        return self.log_path.read_text(errors="replace")[since:]

    def page(self, path: str) -> str:
        """The page as served, without the live-reload script the server injects."""
        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            return INJECTED.sub("", response.read().decode("utf-8"))

    def edit(self, page: str, change: Callable[[str], str]) -> int:
        """Apply ``change`` to ``docs/<page>``; the log's length before, to read what follows."""
        mark = len(self.log())
        source = self.folder / "docs" / page
        source.write_text(change(source.read_text(encoding="utf-8")), encoding="utf-8")
        return mark

    def reloaded(self, since: int) -> str:
        """The log since ``since``, once the server has told browsers to reload."""
        return str(wait_for(lambda: "Reloading browsers" in self.log(since) and self.log(since),
                            "the server to reload"))  # fmt: skip

    def stop(self) -> None:
        """Stop the server (if it still runs)."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
