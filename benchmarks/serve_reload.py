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
import tempfile
import time
from itertools import count
from pathlib import Path

from _timing import QUIET_THREADS, interleave, report
from site_build import floor_config

from tests.dev_server import DevServer, copy_sources, wait_for

GOAL_SECONDS = 1.0
PAGE = "process/branching.md"
URL_PATH = "process/branching/"


class Server(DevServer):
    """``mkdocs serve`` of one copy, timed from a saved edit to the page that shows it."""

    def edit_and_wait(self, marker: str) -> float:
        """Append ``marker`` to the page; seconds until the server returns it."""
        started = time.perf_counter()
        self.edit(PAGE, lambda text: f"{text}\n{marker}\n")
        wait_for(lambda: marker in (self.fetch() or ""), f"the edit at {URL_PATH}")
        return time.perf_counter() - started

    def fetch(self) -> str | None:
        """The edited page, or ``None`` while the server is not answering it."""
        try:
            return self.page(URL_PATH)
        except OSError:
            return None


def main(argv: list[str] | None = None) -> None:
    """Edit a page under both servers alternately and print the reload times."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    edits = count()
    with tempfile.TemporaryDirectory() as tmp:
        full_copy = copy_sources(Path(tmp) / "full")
        floor_copy = copy_sources(Path(tmp) / "floor")
        quiet, logs = QUIET_THREADS, Path(tmp)
        servers = [Server(full_copy, logs / "full.log", env=quiet)]
        try:
            floor_file = floor_config(Path(tmp), floor_copy)
            servers.append(Server(floor_copy, logs / "floor.log", config=floor_file, env=quiet))
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
