"""How long after a prose edit does ``mkdocs serve`` serve the new page, against its floor?

Run: ``python3 .ci/dev.py run python benchmarks/serve_reload.py [--runs N]``. Two copies of the
repository (without ``.git``, ``.venv`` and other caches than the site build's) are made in a
temporary folder, so the real pages are never touched. In one, ``mkdocs serve``
runs with the real configuration (hooks, plugins, build caches); in the other, with the floor of
``benchmarks/site_build.py`` (Material and the same Markdown extensions, no hooks, no plugins).
Each round appends a sentence to a page of each copy in turn (the order flips per round) and
times from the write until the server returns the page with that sentence: what a writer waits
for. The goal is at most 1 s.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from itertools import count
from pathlib import Path
from urllib.parse import urlparse

from _timing import QUIET_THREADS, ROOT, free_port, interleave, report
from site_build import floor_config

from tests.site_copy import copy_sources

GOAL_SECONDS = 1.0
PAGE = Path("docs/process/branching.md")
URL_PATH = "process/branching/"


def base_path() -> str:
    """The path ``mkdocs serve`` serves the site under: that of ``site_url`` in ``mkdocs.yml``."""
    line = re.search(r"^site_url:.*$", (ROOT / "mkdocs.yml").read_text(), re.MULTILINE)
    urls = re.findall(r"https?://[^\s\"',\]]+", line[0]) if line else []
    return urlparse(urls[-1]).path.rstrip("/") + "/" if urls else "/"


def fetch(url: str) -> str | None:
    """The page's text, or ``None`` while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


class Server:
    """``mkdocs serve`` of one copy, on a free loopback port."""

    def __init__(self, folder: Path, config: Path) -> None:
        self.folder, self.port = folder, free_port()
        # TMPDIR: the server builds in a hidden folder of the copy (the build caches' fingerprint
        # skips those), removed with the copy.
        build_dir = folder / ".serve-build"
        build_dir.mkdir()
        env = {**os.environ, **QUIET_THREADS, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(build_dir)}
        cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config)]
        cmd += ["--dev-addr", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(
            cmd, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.url = f"http://127.0.0.1:{self.port}{base_path()}{URL_PATH}"
        deadline = time.monotonic() + 300
        while fetch(self.url) is None:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise SystemExit(f"mkdocs serve in {folder} did not start")
            time.sleep(0.2)

    def edit_and_wait(self, marker: str) -> float:
        """Append ``marker`` to the page; seconds until the server returns it."""
        page = self.folder / PAGE
        text = page.read_text(encoding="utf-8")
        started = time.perf_counter()
        page.write_text(f"{text}\n{marker}\n", encoding="utf-8")
        while marker not in (fetch(self.url) or ""):
            if time.perf_counter() - started > 120:
                raise SystemExit(f"the edit never showed up at {self.url}")
            time.sleep(0.01)
        return time.perf_counter() - started

    def stop(self) -> None:
        """Stop the server (if it still runs)."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


def main(argv: list[str] | None = None) -> None:
    """Edit a page under both servers alternately and print the reload times."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    edits = count()
    with tempfile.TemporaryDirectory() as tmp:
        full_copy = copy_sources(Path(tmp) / "full")
        floor_copy = copy_sources(Path(tmp) / "floor")
        servers = [Server(full_copy, full_copy / "mkdocs.yml")]
        try:
            servers.append(Server(floor_copy, floor_config(Path(tmp), floor_copy)))
            figure, floor = interleave(
                args.runs,
                lambda: servers[0].edit_and_wait(f"Reload marker {next(edits)}."),
                lambda: servers[1].edit_and_wait(f"Reload marker {next(edits)}."),
                ("serve: edit -> new page (hooks, plugins)", "floor (Material + extensions)"),
            )
        finally:
            for server in servers:
                server.stop()
    report("serve reload after a prose edit", figure, floor)
    met = "met" if figure.median <= GOAL_SECONDS else "not met"
    print(f"page edited: {PAGE}; goal: the new page within {GOAL_SECONDS:.1f} s (median): {met}")


if __name__ == "__main__":
    main()
