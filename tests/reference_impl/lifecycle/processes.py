"""``train`` as a real process: start it, wait for it, kill it at a chosen moment.

Concurrency and kill tests need separate interpreters (each with its own MLflow client and
SQLite connections), not threads of the test process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import reference_impl
from tests.reference_impl.early_jobs import environ

ROOT = Path(reference_impl.__file__).resolve().parents[1]
FAST = (
    "--set",
    "model.estimator=sklearn.linear_model.LogisticRegression",
    "--set",
    "model.params={}",
)


@dataclass
class Finished:
    """A ``train`` process that ended: exit code and what it printed."""

    args: tuple[str, ...]
    code: int
    out: str
    err: str


def cli_command(*argv: str) -> list[str]:
    """``python -m reference_impl ARGV``, with this interpreter."""
    module = ["-m", "reference_impl"]  # apart: a generated project's name may be longer
    return [sys.executable, *module, *argv]


def train_command(workdir: Path, *extra: str) -> list[str]:
    """``python -m reference_impl train`` on ``workdir``, with this interpreter."""
    return cli_command("train", "--workdir", str(workdir), *extra)


def train_env(env_extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment a command runs in: the suite's, with no tracking server of its own."""
    env = {**environ(), "PYTHONPATH": str(ROOT), **(env_extra or {})}
    env.pop("MLFLOW_TRACKING_URI", None)
    return env


def start_train(
    workdir: Path, *extra: str, env_extra: dict[str, str] | None = None
) -> subprocess.Popen:
    """Start ``python -m reference_impl train`` on ``workdir`` in its own process group."""
    return subprocess.Popen(
        train_command(workdir, *extra),
        cwd=ROOT,
        env=train_env(env_extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def finish(process: subprocess.Popen, timeout: float = 1200) -> Finished:
    """Wait for a process started by :func:`start_train` and collect its output."""
    out, err = process.communicate(timeout=timeout)
    return Finished(tuple(process.args), process.returncode, out, err)


def kill_at(process: subprocess.Popen, workdir: Path, point: str, timeout: float = 900) -> bool:
    """SIGKILL the process group at ``point`` of ``kill_watch.KILL_POINTS``; ``False`` if the
    process ended first.

    The watch runs in a process of its own (``kill_watch.py``), not in a thread of this one.
    """
    watch = Path(__file__).with_name("kill_watch.py")
    watcher = subprocess.Popen(
        [sys.executable, str(watch), str(workdir), point, str(process.pid)],
        cwd=ROOT, env={**environ(), "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    try:
        process.communicate(timeout=timeout)
        return process.returncode == -signal.SIGKILL
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        watcher.kill()
        watcher.wait()
