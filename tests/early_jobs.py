"""Minutes-long commands that start as soon as the tests are collected and run beside the suite.

A test marked ``@pytest.mark.early.with_args(job)`` (``with_args``: a mark called
with one function would decorate it) asks for the ``early_result`` fixture; ``job(folder,
**params)`` (``params``: the test's parametrisation) runs in a background thread from the end of
collection, one job after another in the order of the tests, and the test only checks what it
returned. The marked tests move to the end of the run, so the minutes a job spends in its own
processes (a generated project's whole test suite) overlap with the rest of the suite on the
other core instead of adding to it. The job itself is unchanged: the same commands, as typed.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.accelerator.generated import stop_running_shells

Job = Callable[..., Any]


class EarlyJobs:
    """The jobs of the marked tests: started in one background thread, awaited by the tests."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="early-job")
        self._root = Path(tempfile.mkdtemp(prefix="early-jobs-"))
        self._futures: dict[str, Future[Any]] = {}

    def start(self, item: pytest.Item) -> None:
        """Queue the job of ``item``'s ``early`` marker with the item's parameters."""
        (job,) = item.get_closest_marker("early").args
        params = dict(getattr(item, "callspec", None).params) if hasattr(item, "callspec") else {}
        folder = self._root / f"job{len(self._futures)}"
        folder.mkdir()
        self._futures[item.nodeid] = self._pool.submit(job, folder, **params)

    def result(self, nodeid: str) -> Any:
        """Wait for the job of test ``nodeid`` and return what it returned (or raise its error)."""
        return self._futures[nodeid].result()

    def close(self) -> None:
        """Drop the jobs not started, stop the running one's processes and remove the folders."""
        for future in self._futures.values():
            future.cancel()
        stop_running_shells()
        self._pool.shutdown(wait=True)
        shutil.rmtree(self._root, ignore_errors=True)


JOBS = pytest.StashKey[EarlyJobs]()


def move_to_end_and_start(session: pytest.Session) -> None:
    """Put the marked tests last and start their jobs (call when collection is finished)."""
    marked = [item for item in session.items if item.get_closest_marker("early")]
    if not marked or session.config.option.collectonly:
        return
    session.items[:] = [item for item in session.items if item not in marked] + marked
    jobs = EarlyJobs()
    session.stash[JOBS] = jobs
    for item in marked:
        jobs.start(item)


def close(session: pytest.Session) -> None:
    """Stop what is still running (an interrupted or ``-x`` run) and clean up."""
    if JOBS in session.stash:
        session.stash[JOBS].close()


@pytest.fixture
def early_result(request: pytest.FixtureRequest) -> Any:
    """What the job of this test's ``early`` marker returned."""
    return request.session.stash[JOBS].result(request.node.nodeid)
