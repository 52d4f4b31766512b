"""Shared parts of the benchmarks: interleaved A/B runs, min/median, one result line, a port.

Every benchmark times its figure and its floor in the same run, alternating them (A, B, A,
B, ...) so that drift on a busy machine lands on both sides, and prints one ``result:`` line
that ``benchmarks/all.py`` collects into its table.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

QUIET_THREADS = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
"""One OpenMP/BLAS thread per process: a 2-core machine shared with other work oversubscribes."""


@dataclass(frozen=True)
class Sample:
    """Wall times of one measured thing, in seconds."""

    label: str
    times: tuple[float, ...]

    @property
    def min(self) -> float:
        """The fastest run: the least disturbed by other work."""
        return min(self.times)

    @property
    def median(self) -> float:
        """The middle run."""
        return statistics.median(self.times)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def timed_process(cmd: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Run a command to completion in a new process and return its wall time.

    Args:
        cmd: The command.
        env: Extra environment variables on top of this process's (threads fixed to one).

    Returns:
        Seconds from start to exit.

    Raises:
        SystemExit: If the command fails, with the end of its stderr.
    """
    full_env = {**os.environ, **QUIET_THREADS, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=full_env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-3000:]}")
    return elapsed


def interleave(
    runs: int, figure: Callable[[], float], floor: Callable[[], float], labels: tuple[str, str]
) -> tuple[Sample, Sample]:
    """Time ``figure`` and ``floor`` alternately, ``runs`` times each (the order flips per round).

    Args:
        runs: Rounds; each round runs both once.
        figure: Returns the wall time of one run of the measured thing.
        floor: Returns the wall time of one run of its floor.
        labels: Names of the figure and the floor.

    Returns:
        The figure's and the floor's samples.
    """
    a: list[float] = []
    b: list[float] = []
    for round_ in range(runs):
        if round_ % 2:
            b.append(floor())
            a.append(figure())
        else:
            a.append(figure())
            b.append(floor())
    return Sample(labels[0], tuple(a)), Sample(labels[1], tuple(b))


def report(name: str, figure: Sample, floor: Sample, goal: float | None = None) -> float:
    """Print both samples, the ratio of the minimums and medians, and one ``result:`` line.

    Args:
        name: The benchmark's name in the summary table.
        figure: The measured thing.
        floor: Its floor from the same run.
        goal: The ratio the issue asks for, if any.

    Returns:
        The ratio of the minimums (figure / floor).
    """
    width = max(len(figure.label), len(floor.label))
    for sample in (figure, floor):
        print(
            f"{sample.label:<{width}}  min {sample.min:8.3f} s  median {sample.median:8.3f} s  "
            f"({len(sample.times)} runs)"
        )
    ratio = figure.min / floor.min
    ratio_median = figure.median / floor.median
    target = f"; goal <= {goal:.1f}x" if goal is not None else ""
    print(f"ratio (min / min): {ratio:.2f}x; (median / median): {ratio_median:.2f}x{target}")
    print(
        f"result: {name} | {figure.min:.3f} s | {floor.min:.3f} s | {ratio:.2f}x | "
        f"{'-' if goal is None else f'{goal:.1f}x'}"
    )
    return ratio
