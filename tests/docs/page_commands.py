"""Run a page's ``sh`` fences as a reader types them, and hold its ``text`` fences to the output.

A page that shows commands shows them in ``sh`` fences, each line ``python -m ...`` run from
the repository's root, and what they print in the ``text`` fence after them. :class:`PageRun`
runs every command in order (``python`` is this interpreter) and notes each shown line that
the last command did not print, in that order.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

from tests.docs import chain
from tests.reference_impl import early_jobs

ROOT = Path(__file__).resolve().parents[2]


def page_fences(page: Path) -> list[chain.Fence]:
    """The page's fences, every one of them closed."""
    found, problems = chain.parse_fences(page)
    assert problems == []
    return found


def run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a page command: ``python`` is this interpreter, the repository is the folder."""
    assert argv[0] == "python"
    return subprocess.run(
        [sys.executable, *argv[1:]],
        cwd=ROOT,
        env=early_jobs.environ(),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def shown_lines_appear_in_order(shown: tuple[str, ...], output: str) -> list[str]:
    """Lines of a shown output that are not found, in order, among the real output's lines."""
    real = [line.rstrip() for line in output.splitlines()]
    missing, position = [], 0
    for line in (line.rstrip() for line in shown if line.strip()):
        try:
            position = real.index(line, position) + 1
        except ValueError:
            missing.append(line)
    return missing


class PageRun:
    """The commands of a page run so far, and what did not match.

    Attributes:
        commands: Every command run, as typed.
        problems: Commands that failed, and shown lines missing from the real output.
        last: The last command's result.
    """

    def __init__(self) -> None:
        self.commands: list[str] = []
        self.problems: list[str] = []
        self.last: subprocess.CompletedProcess[str] | None = None

    def take(self, fence: chain.Fence) -> bool:
        """Run an ``sh`` fence's commands, or check a ``text`` fence against the last output.

        Args:
            fence: The page's next fence.

        Returns:
            Whether the fence was one of those two kinds (other fences are the caller's).
        """
        if fence.lang == "sh":
            lines = [line for line in fence.body if line.strip()]
            assert all(line.startswith("python -m ") for line in lines), lines
            for line in lines:
                self.last = run(shlex.split(line))
                self.commands.append(line)
                if self.last.returncode != 0:
                    self.problems.append(f"{line}\n{self.last.stdout}\n{self.last.stderr}")
            return True
        if fence.lang == "text":
            assert self.last is not None, "an output is shown before any command"
            missing = shown_lines_appear_in_order(fence.body, self.last.stdout)
            self.problems += [
                f"not in the output of {self.commands[-1]}: {line}" for line in missing
            ]
            return True
        return False
