"""Tests of one kind of deployment run only in a project that has it.

A project generated for online scoring only has no batch scoring code (and the reverse): a test
marked ``online`` or ``batch`` is deselected, not skipped, where ``deployments`` in
``config/project.yaml`` does not name its kind. Test files of one kind are not generated at all.
A generated project runs every test on the sample configuration (``SAMPLE_CONFIG``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.reference_impl.threads import one_thread_each

one_thread_each()  # before the package (and scikit-learn's OpenMP runtime) is imported

SAMPLE_CONFIG = Path(__file__).resolve().parent / "sample_config"
"""The binary sample configuration, in a generated project (the reference reads ``config/``).

A project trains its own table and task with ``config/``; the lifecycle tests were written for
the sample's binary contract, so they read this folder instead, and a team's own contract and
settings never break them (set before the package is imported: ``CONFIG_DIR_VARIABLE`` of
``config.environments`` is read once, on first import).
"""
if SAMPLE_CONFIG.is_dir():
    os.environ.setdefault("MLOPS_CONFIG_DIR", str(SAMPLE_CONFIG))

from reference_impl.collector import collect_less, freeze_survivors  # noqa: E402
from reference_impl.config.deployments import KINDS, deployments  # noqa: E402
from tests.reference_impl import early_jobs  # noqa: E402
from tests.reference_impl.early_jobs import early_result  # noqa: E402, F401 (marked tests)

collect_less()  # the test process holds every imported library, as a command does


def pytest_configure(config: pytest.Config) -> None:
    for kind in KINDS:
        config.addinivalue_line("markers", f"{kind}: needs a project with {kind} deployment")
    config.addinivalue_line(
        "markers", "early(job): runs job(folder, **params) in the background from the end of "
        "collection; the test runs last and checks early_result (early_jobs.py)",
    )  # fmt: skip


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the early jobs (see early_jobs.py); later collections skip what is alive now."""
    freeze_survivors()
    early_jobs.move_to_end_and_start(session)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Stop early jobs still running."""
    early_jobs.close(session)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """List the early jobs' times after the slowest tests."""
    early_jobs.summary(terminalreporter)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    present = set(deployments())
    absent = [i for i in items if any(i.get_closest_marker(k) for k in set(KINDS) - present)]
    if absent:
        config.hook.pytest_deselected(items=absent)
        items[:] = [i for i in items if i not in absent]
