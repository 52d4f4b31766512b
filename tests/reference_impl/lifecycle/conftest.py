"""Fixtures of the lifecycle tests: one trained working directory shared by the whole session.

Creating the SQLite MLflow store runs its migrations (seconds), so the lifecycle is trained
once: a logistic-regression champion, a better gradient-boosting model that replaces it, and
two worse challengers that must not. Every other test reads that working directory.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import reference_impl
from reference_impl.cli import main as cli
from tests.reference_impl.identity import MODEL
from tests.reference_impl.lifecycle.processes import FAST

# The project root, wherever the project is copied.
ROOT = Path(reference_impl.__file__).resolve().parents[1]
WEAKER = [
    "--set",
    "model.estimator=sklearn.linear_model.LogisticRegression",
    "--set",
    "model.params={}",
]
WORSE = ["--set", "model.params.max_iter=3"]


@dataclass
class Run:
    """One ``train`` invocation: exit code, captured output, and its step output folders."""

    exit_code: int
    out: str
    err: str
    run_dir: Path | None = None

    def read(self, step: str, port: str, name: str) -> dict:
        import json

        assert self.run_dir is not None
        return json.loads((self.run_dir / step / port / name).read_text())


@dataclass
class Lifecycle:
    """The shared working directory and the runs made in it, in order."""

    workdir: Path
    runs: dict[str, Run] = field(default_factory=dict)


def call(argv: list[str]) -> tuple[int, str, str]:
    """Run the CLI in this process and capture what it prints."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli(argv)
    return code, out.getvalue(), err.getvalue()


def stopped_at_gate(code: int, out: str, err: str) -> str:
    """Check that a ``train`` stopped at its gate with exit 4 and one sentence; return it."""
    from reference_impl.exit_codes import ExitCode

    assert code == ExitCode.BAD_DATA, out + err
    assert "Traceback" not in err
    assert "stopped at step gate; nothing was registered" in err
    (sentence,) = [line for line in err.splitlines() if line.startswith("error:")]
    return sentence


def train(workdir: Path, *extra: str) -> Run:
    before = set((workdir / "runs").glob("*")) if (workdir / "runs").exists() else set()
    code, out, err = call(["train", "--target", "local", "--workdir", str(workdir), *extra])
    new = set((workdir / "runs").glob("*")) - before
    return Run(code, out, err, new.pop() if len(new) == 1 else None)


@pytest.fixture(scope="session", autouse=True)
def _guard_default_tracking_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """If any code forgot to point MLflow at a workdir, it writes here, never to ./mlruns."""
    guard = tmp_path_factory.mktemp("mlflow-guard")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MLFLOW_TRACKING_URI", f"sqlite:///{guard / 'guard.db'}")
        yield


@pytest.fixture(scope="session")
def lifecycle(tmp_path_factory: pytest.TempPathFactory) -> Lifecycle:
    """Train four times into one working directory (about 30 s on two cores)."""
    state = Lifecycle(tmp_path_factory.mktemp("workdir"))
    state.runs["first"] = train(state.workdir, *WEAKER)
    state.runs["better"] = train(state.workdir)
    state.runs["worse"] = train(state.workdir, *WORSE)
    state.runs["repeat"] = train(state.workdir, *WEAKER)
    return state


@pytest.fixture(scope="module")
def champion_workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working directory whose version 1 is champion, trained on the sample data (per module:
    a test module may add versions to it)."""
    workdir = tmp_path_factory.mktemp("champion")
    run = train(workdir, *FAST)
    assert run.exit_code == 0, run.err
    return workdir


def registry_state(workdir: Path, name: str = MODEL) -> tuple[list[str], dict[str, str]]:
    """Versions and aliases of the registered model in ``workdir``."""
    from mlflow import MlflowClient

    from reference_impl.tracking import use_workdir
    from reference_impl.workdir import Workdir

    use_workdir(Workdir.at(workdir))
    client = MlflowClient()
    versions = sorted(str(v.version) for v in client.search_model_versions(f"name='{name}'"))
    aliases = {alias: str(v) for alias, v in client.get_registered_model(name).aliases.items()}
    return versions, aliases


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running ``python -m reference_impl serve`` process."""

    url: str
    process: subprocess.Popen
    log: Path


def wait_healthy(url: str, process: subprocess.Popen, log: Path, timeout: float = 600) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url + "/", timeout=10).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or the worker is still loading
            pass
        time.sleep(0.25)
    pytest.fail(f"server not healthy after {timeout}s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def server(lifecycle: Lifecycle, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The champion served by the real azmlinfsrv on a free loopback port (one process)."""
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    tracking = f"sqlite:///{lifecycle.workdir / 'mlflow.db'}"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MLFLOW_TRACKING_URI": tracking}
    command = [sys.executable, "-m", "reference_impl", "serve",
               "--workdir", str(lifecycle.workdir), "--port", str(port)]  # fmt: skip
    with log.open("w") as sink:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, log)
        yield Server(url, process, log)
    finally:
        stop_group(process)


def stop_group(process: subprocess.Popen, grace: float = 5.0) -> None:
    """Stop a process started with ``start_new_session=True`` and everything it started.

    SIGTERM goes to the whole process group (``serve``, gunicorn and its workers), then
    SIGKILL after ``grace`` seconds. SIGINT is not used: a shell that is not interactive
    starts background jobs with SIGINT ignored, and the teardown would wait for nothing.
    """
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=grace)
    with contextlib.suppress(ProcessLookupError):  # nothing of the group may outlive it
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
