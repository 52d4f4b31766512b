"""The suite's early jobs (tests/reference_impl/early_jobs.py), run in a small suite of their own.

They must start when collection ends, run beside the other tests, hand each test what its job
returned, keep the main thread's patched variables out of a job's commands, and start nothing
for ``--collect-only``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFTEST = """
from tests.reference_impl import early_jobs
from tests.reference_impl.early_jobs import early_result


def pytest_configure(config):
    config.addinivalue_line("markers", "early(job): an early job")


def pytest_collection_finish(session):
    early_jobs.move_to_end_and_start(session)


def pytest_sessionfinish(session):
    early_jobs.close(session)


def pytest_terminal_summary(terminalreporter):
    early_jobs.summary(terminalreporter)
"""
EARLY = """
import threading
from pathlib import Path

import pytest

from tests.reference_impl import early_jobs

LOG = Path(__file__).parent / "log.txt"


def note(line):
    with LOG.open("a") as log:
        log.write(line + "\\n")


def wait_for(line, prefix=False):
    for _ in range(600):
        lines = LOG.read_text().splitlines() if LOG.exists() else []
        if any(found == line or (prefix and found.startswith(line)) for found in lines):
            return
        threading.Event().wait(0.1)
    raise AssertionError(f"waited a minute for {line!r}")


def job(folder, n):
    note(f"job {n} starts on {threading.current_thread().name}")
    wait_for("plain patched")  # test_plain has set PATCHED on the main thread meanwhile
    return n, early_jobs.environ().get("PATCHED")


def made(folder):
    (folder / "made.txt").write_text("made")
    note(f"made in {folder}")
    return folder


made_folder = early_jobs.fixture("made_folder", made)


@pytest.mark.early.with_args(job)
@pytest.mark.parametrize("n", [1, 2])
def test_marked(n, early_result):
    assert early_result == (n, None)


def test_fixture(made_folder):
    assert (made_folder / "made.txt").read_text() == "made"
"""
PLAIN = """
from test_a_early import note, wait_for


def test_plain(monkeypatch):
    monkeypatch.setenv("PATCHED", "yes")
    note("plain patched")
    wait_for("made in ", prefix=True)  # the last job: all of them ran beside this test
    note("plain ends")
"""


def run_suite(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    (folder / "conftest.py").write_text(CONFTEST)
    (folder / "test_a_early.py").write_text(EARLY)
    (folder / "test_b_plain.py").write_text(PLAIN)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTEST_ADDOPTS", None)  # the outer run's options are not this suite's
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-v", "-p", "no:cacheprovider", "--rootdir", str(folder),
         *args, str(folder)],
        cwd=folder, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_jobs_run_beside_the_suite_and_their_tests_run_last(tmp_path: Path) -> None:
    done = run_suite(tmp_path)
    assert done.returncode == 0, done.stdout[-3000:]
    order = re.findall(r"^\S+::(\S+) (?:PASSED|FAILED|ERROR)", done.stdout, re.M)  # -v's lines
    assert order == ["test_plain", "test_marked[1]", "test_marked[2]", "test_fixture"]
    log = (tmp_path / "log.txt").read_text().splitlines()
    starts = [line for line in log if line.startswith("job ")]
    assert starts == ["job 1 starts on early-job_0", "job 2 starts on early-job_0"]
    # test_plain waited for the last job: all of them ran beside it, in the background thread
    assert log.index(starts[1]) < log.index("plain ends")
    (made,) = [line.split(" in ", 1)[1] for line in log if line.startswith("made in ")]
    assert not Path(made).exists()  # the jobs' folders are removed at the end
    summary = done.stdout.split("early jobs (beside the suite)", 1)[1].splitlines()[1:4]
    timed = sorted(line.split("s ", 1)[1] for line in summary)
    assert timed == ["fixture:made_folder", *(f"test_a_early.py::test_marked[{n}]" for n in (1, 2))]


def test_collect_only_starts_no_job(tmp_path: Path) -> None:
    done = run_suite(tmp_path, "--collect-only", "-q")
    assert done.returncode == 0, done.stdout[-3000:]
    assert "test_marked[1]" in done.stdout
    assert not (tmp_path / "log.txt").exists()
