"""Run a generated project's README commands exactly as a user on a fresh machine would."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.reference_impl.early_jobs import environ, stoppable

QUICK_START = re.compile(r"## Quick start\n.*?```sh\n(?P<commands>.*?)```", re.S)


def readme_commands(project: Path) -> list[str]:
    """The commands of the quick start in a generated project's README.

    Args:
        project: The generated project.

    Returns:
        One command per line of the quick start's shell block.
    """
    match = QUICK_START.search((project / "README.md").read_text(encoding="utf-8"))
    assert match, "the README has no quick start shell block"
    return [line for line in match["commands"].splitlines() if line.strip()]


INLINE_COMMAND = re.compile(r"`(python3 dev\.py run [^`]+)`")
"""A command the README names in its prose, to be typed in the project folder."""


def readme_inline_commands(project: Path) -> list[str]:
    """The commands a generated project's README names in its prose (``python3 dev.py run …``).

    Args:
        project: The generated project.

    Returns:
        Each command once, in the order the README names them.
    """
    text = (project / "README.md").read_text(encoding="utf-8")
    return list(dict.fromkeys(INLINE_COMMAND.findall(text)))


NOT_A_USERS = {
    "VIRTUAL_ENV",
    "UV_PROJECT_ENVIRONMENT",
    "PYTHONPATH",
    "COVERAGE_PROCESS_START",
    "PYTHONPYCACHEPREFIX",  # set by this repository's dev.py
}
"""Settings of this repository's environment and test run that a user's shell lacks."""


def user_env(home: Path) -> dict[str, str]:
    """The environment of a user whose home is ``home``: no venv active, no project settings.

    The uv and pip download caches stay where they are, so packages are not fetched again.

    Args:
        home: The user's home folder.

    Returns:
        Environment variables.
    """
    real_home = Path.home()
    env = {
        k: v for k, v in environ().items() if k not in NOT_A_USERS and not k.startswith("PYTEST")
    }
    env["UV_CACHE_DIR"] = env.get("UV_CACHE_DIR", str(real_home / ".cache" / "uv"))
    env["PIP_CACHE_DIR"] = env.get("PIP_CACHE_DIR", str(real_home / ".cache" / "pip"))
    env["HOME"] = str(home)
    return env


def run_shell(commands: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run shell lines one after another in one ``bash``, stopping at the first failure.

    The shell leads its own process group, so an interrupted test run stops it and everything
    it started (:func:`tests.reference_impl.early_jobs.stoppable`).

    Args:
        commands: The lines, as a user types them.
        cwd: Where the user stands.
        env: The user's environment.

    Returns:
        The completed process (output captured).
    """
    script = "set -eu\n" + "\n".join(commands) + "\n"
    with subprocess.Popen(
        ["bash", "-c", script], cwd=cwd, env=env, text=True, start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    ) as shell, stoppable(shell):  # fmt: skip
        out, err = shell.communicate()
    return subprocess.CompletedProcess(shell.args, shell.returncode, out, err)


FAILURES = re.compile(r"^=+ (?:FAILURES|ERRORS) =+$.*?(?=^=+ .+ =+$|\Z)", re.M | re.S)
"""pytest's report of failed tests: its ``FAILURES`` or ``ERRORS`` section, to the next banner."""


def why_it_failed(result: subprocess.CompletedProcess, keep: int = 4000) -> str:
    """What to show when a shell of README commands failed: pytest's failure reports, then the ends.

    The project's test command prints hundreds of lines after a failed test (its coverage table,
    the slowest tests), so the last lines alone rarely hold the assertion that failed.

    Args:
        result: The finished shell (:func:`run_shell`).
        keep: How many characters of each of stdout and stderr to keep at their end.

    Returns:
        The failure reports (each cut to 12,000 characters) and the last ``keep`` characters of
        stdout and of stderr.
    """
    reports = [found[:12_000] for found in FAILURES.findall(result.stdout)]
    return "\n".join([*reports, result.stdout[-keep:], result.stderr[-keep:]])


def git_init(project: Path) -> None:
    """Make ``project`` a Git repository with one commit, as a team does after generating it."""
    identity = ["-c", "user.name=ml-team", "-c", "user.email=ml-team@example.com"]
    for args in (["init", "-q"], ["add", "-A"], [*identity, "commit", "-qm", "Generated"]):
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)
