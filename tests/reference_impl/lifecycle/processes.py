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
import time
from collections.abc import Callable
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


def start_train(
    workdir: Path, *extra: str, env_extra: dict[str, str] | None = None
) -> subprocess.Popen:
    """Start ``python -m reference_impl train`` on ``workdir`` in its own process group."""
    env = {**environ(), "PYTHONPATH": str(ROOT), **(env_extra or {})}
    env.pop("MLFLOW_TRACKING_URI", None)
    module = ["-m", "reference_impl"]
    command = [sys.executable, *module, "train", "--workdir", str(workdir), *extra]
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def finish(process: subprocess.Popen, timeout: float = 1200) -> Finished:
    """Wait for a process started by :func:`start_train` and collect its output."""
    out, err = process.communicate(timeout=timeout)
    return Finished(tuple(process.args), process.returncode, out, err)


def kill_when(process: subprocess.Popen, ready: Callable[[], bool], timeout: float = 900) -> bool:
    """SIGKILL the process group as soon as ``ready()`` holds; ``False`` if it ended first."""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if ready():
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                return True
            time.sleep(0.02)
        return False
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
