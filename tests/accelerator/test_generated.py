"""The helpers that run a generated project's README commands report a nested failure fully."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from tests.accelerator.generated import run_shell, user_env, why_it_failed

IN_CI = ("CI", "BUILD_NUMBER")
"""What tells pytest it runs in CI, where its summary lines keep a failure's whole message."""
LONG_SUMMARY = """
def pytest_terminal_summary(terminalreporter):
    terminalreporter.write_sep("=", "tests coverage")
    for number in range(200):
        terminalreporter.write_line(f"reference_impl/module_{number}.py  120  0  100%")
"""
FAILING_TEST = """
def test_passes():
    pass


def test_fails():
    assert 1 + 1 == 3, "a failure\\nthe planted detail"
"""


def test_a_nested_failure_is_shown_though_a_long_summary_follows_it(tmp_path: Path):
    """A project's test command prints its coverage table after the failures, as here.

    The summary line of a failed test keeps the first line of its message only (in CI, where
    pytest writes it whole, the helper is needed less; the test runs outside it).
    """
    (tmp_path / "conftest.py").write_text(LONG_SUMMARY)
    (tmp_path / "test_planted.py").write_text(FAILING_TEST)
    command = f"{shlex.quote(sys.executable)} -m pytest -q -p no:cacheprovider test_planted.py"
    env = {k: v for k, v in user_env(tmp_path / "home").items() if k not in IN_CI}
    result = run_shell([command], tmp_path, env)

    assert result.returncode == 1
    assert "the planted detail" not in result.stdout[-4000:]  # the tail alone loses it
    shown = why_it_failed(result)
    assert "the planted detail" in shown
    assert "module_0.py" not in shown.split("the planted detail")[0]  # the report, not the table
    assert shown.endswith(result.stdout[-4000:] + "\n" + result.stderr[-4000:])
