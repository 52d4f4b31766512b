"""Minutes-long commands that start as soon as the tests are collected and run beside the suite.

Two ways in:

* a test marked ``@pytest.mark.early.with_args(job)`` (``with_args``: a mark called with one
  function would decorate it) asks for the ``early_result`` fixture: ``job(folder, **params)``
  (``params``: the test's parametrisation) returned it;
* ``name = early_jobs.fixture("name", job)`` in a test module makes a fixture whose value is
  ``job(folder)``.

Jobs run in one background thread from the end of collection, one after another in the order of
the tests that need them, and those tests' modules move to the end of the run. So the time a
job spends in its own processes (``train`` processes killed and restarted, three trains at once,
the Azure ML emulation) overlaps with the rest of the suite on the other core instead of adding
to it. A job does what the test did before, unchanged: the same commands, as typed.

A job prints nothing: ``sys.stdout`` is one for all threads, and a test on the main thread that
captures a command's output by swapping it (``contextlib.redirect_stdout``) would capture the
job's lines too. What a job has to say goes into what it returns, or into a file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

Job = Callable[..., Any]
_PROCESSES: set[subprocess.Popen] = set()
"""Processes a job waits for, stopped with their process group if the run is interrupted."""
_ENVIRON: dict[str, str] = {}
"""``os.environ`` when the jobs started (the commands of a job run with it)."""


def environ() -> dict[str, str]:
    """The environment for a command a test starts: a copy of ``os.environ``.

    Off the main thread (in a job, or a thread a job started) it is ``os.environ`` as it was
    when the jobs started: the tests running meanwhile on the main thread may patch variables
    for themselves (``monkeypatch.setenv``), which a job's commands must not see.

    Returns:
        Variables and values.
    """
    if _ENVIRON and threading.current_thread() is not threading.main_thread():
        return dict(_ENVIRON)
    return dict(os.environ)


@contextlib.contextmanager
def stoppable(process: subprocess.Popen) -> Iterator[subprocess.Popen]:
    """Let an interrupted run stop ``process`` (started with ``start_new_session=True``).

    Args:
        process: A process that leads its own process group.

    Yields:
        The process.
    """
    _PROCESSES.add(process)
    try:
        yield process
    finally:
        _PROCESSES.discard(process)


def stop_processes() -> None:
    """Stop every process :func:`stoppable` still holds, with its process group."""
    for process in list(_PROCESSES):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


_FIXTURES: dict[str, Job] = {}
"""Early fixtures by name: the job that computes each one's value."""


def fixture(name: str, job: Job) -> Any:
    """A fixture called ``name`` whose value ``job(folder)`` computes as an early job.

    Args:
        name: The fixture's name (unique across the suite).
        job: Computes the value in a folder of its own.

    Returns:
        The fixture function, to be bound to ``name`` in the test module.
    """
    assert _FIXTURES.get(name, job) is job, f"two early fixtures are called {name}"
    _FIXTURES[name] = job

    @pytest.fixture(name=name, scope="session")
    def early_fixture(request: pytest.FixtureRequest) -> Any:
        return request.session.stash[JOBS].result(f"fixture:{name}")

    return early_fixture


def _jobs_of(item: pytest.Item) -> list[tuple[str, Job, dict[str, Any]]]:
    """The early jobs ``item`` needs: its marker's, and those of the early fixtures it uses."""
    found = []
    if marker := item.get_closest_marker("early"):
        params = dict(item.callspec.params) if hasattr(item, "callspec") else {}
        found.append((item.nodeid, marker.args[0], params))
    for name in getattr(item, "fixturenames", ()):
        if name in _FIXTURES:
            found.append((f"fixture:{name}", _FIXTURES[name], {}))
    return found


class EarlyJobs:
    """The jobs of the marked tests: started in one background thread, awaited by the tests."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="early-job")
        self._root = Path(tempfile.mkdtemp(prefix="early-jobs-"))
        self._futures: dict[str, Future[Any]] = {}
        self.seconds: dict[str, float] = {}
        """How long each job that ran took, by key."""

    def start(self, key: str, job: Job, params: dict[str, Any]) -> None:
        """Queue ``job(folder, **params)`` under ``key``, unless it is queued already."""
        if key in self._futures:
            return
        folder = self._root / f"job{len(self._futures)}"
        folder.mkdir()
        self._futures[key] = self._pool.submit(self._timed, key, job, folder, params)

    def result(self, key: str) -> Any:
        """Wait for the job queued under ``key`` and return what it returned (or raise its error).

        Args:
            key: A test's node id (marked tests) or ``fixture:NAME`` (early fixtures).
        """
        return self._futures[key].result()

    def close(self) -> None:
        """Drop the jobs not started, finish the running one, remove the folders.

        The running job's :func:`stoppable` processes (a generated project's shell) are killed,
        so it ends at once; any other job ends by itself (a minute at most).
        """
        for future in self._futures.values():
            future.cancel()
        stop_processes()
        self._pool.shutdown(wait=True)
        shutil.rmtree(self._root, ignore_errors=True)

    def _timed(self, key: str, job: Job, folder: Path, params: dict[str, Any]) -> Any:
        """Run ``job(folder, **params)`` and note its seconds under ``key``."""
        started = time.perf_counter()
        try:
            return job(folder, **params)
        finally:
            self.seconds[key] = time.perf_counter() - started


JOBS = pytest.StashKey[EarlyJobs]()
SECONDS = pytest.StashKey[dict[str, float]]()
"""The closed jobs' :attr:`EarlyJobs.seconds`, kept for :func:`summary`."""


def move_to_end_and_start(session: pytest.Session) -> None:
    """Put the modules that need early jobs last and start the jobs (when collection is done).

    A whole module moves, so its module-scoped fixtures are still set up once.
    """
    needs = {item.nodeid: _jobs_of(item) for item in session.items}
    modules = {item.path for item in session.items if needs[item.nodeid]}
    if not modules or session.config.option.collectonly or JOBS in session.stash:
        return  # (the last: a conftest above this one may call this hook too)
    late = [item for item in session.items if item.path in modules]
    session.items[:] = [item for item in session.items if item.path not in modules] + late
    _ENVIRON.clear()
    _ENVIRON.update(os.environ)
    jobs = EarlyJobs()
    session.stash[JOBS] = jobs
    for item in late:
        for key, job, params in needs[item.nodeid]:
            jobs.start(key, job, params)


def close(session: pytest.Session) -> None:
    """Stop what is still running (an interrupted or ``-x`` run) and clean up."""
    if JOBS in session.stash:
        session.stash[JOBS].close()
        session.config.stash[SECONDS] = session.stash[JOBS].seconds
        del session.stash[JOBS]


@pytest.fixture
def early_result(request: pytest.FixtureRequest) -> Any:
    """What the job of this test's ``early`` marker returned."""
    return request.session.stash[JOBS].result(request.node.nodeid)


def summary(reporter: Any) -> None:
    """Print how long each early job took, longest first (the durations list does not show
    them: their tests only wait for what the jobs return).

    Args:
        reporter: pytest's terminal reporter.
    """
    if found := reporter.config.stash.get(SECONDS, None):
        del reporter.config.stash[SECONDS]  # printed once, though both conftests may ask
        reporter.write_sep("=", "early jobs (beside the suite)")
        for key, seconds in sorted(found.items(), key=lambda item: -item[1]):
            reporter.write_line(f"{seconds:7.2f}s {key}")
