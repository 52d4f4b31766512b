"""Run a generated project's README commands exactly as a user on a fresh machine would."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import yaml

from tests.reference_impl.early_jobs import environ, stoppable
from tests.reference_impl.terminal import Terminal

QUICK_START = "Quick start"
"""The README section whose shell block holds the two commands."""
BROWSE = "What a run produced"
"""The README section whose shell block starts MLflow's UI on the project's store."""


def readme_commands(project: Path, section: str = QUICK_START) -> list[str]:
    """The commands of a section's shell block in a generated project's README.

    Args:
        project: The generated project.
        section: The heading (``## …``) of the section; the quick start by default.

    Returns:
        One command per line of the section's first shell block.
    """
    pattern = rf"^## {re.escape(section)}\n(?:(?!^## ).)*?^```sh\n(?P<commands>.*?)^```"
    match = re.search(pattern, (project / "README.md").read_text(encoding="utf-8"), re.M | re.S)
    assert match, f"the README's section {section!r} has no shell block"
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


JSON = {"Content-Type": "application/json"}


@dataclass
class BrowsedRuns:
    """What MLflow's UI, started as a README types it, served about the project's store.

    Attributes:
        model: The registered model (``registered-models/get``), with its aliases.
        runs: The runs of the project's experiment (``runs/search``).
        artifacts: Each run's artifact paths by run name, two folders deep.
        output: What the command wrote until Ctrl-C stopped it.
    """

    model: dict[str, Any]
    runs: list[dict[str, Any]]
    artifacts: dict[str, list[str]]
    output: str


def browse_runs(line: str, project: Path, env: dict[str, str]) -> BrowsedRuns:
    """Type ``line`` (``… mlflow ui … --port N``) in a terminal, ask the UI's API, press Ctrl-C.

    The UI's pages read the same REST API (``/ajax-api/2.0/mlflow/…``) this asks, for the model
    and the experiment the project's ``config/project.yaml`` names.

    Args:
        line: The command as the README shows it.
        project: Where it is typed.
        env: The user's environment.

    Returns:
        What the UI answered, once Ctrl-C stopped it and every process it started.
    """
    (config,) = project.glob("*/config/project.yaml")
    names = yaml.safe_load(config.read_text(encoding="utf-8"))
    argv = shlex.split(line)
    api = f"http://127.0.0.1:{argv[argv.index('--port') + 1]}/ajax-api/2.0/mlflow/"

    def ask(endpoint: str, body: dict[str, Any] | None = None, **query: str) -> Any:
        data = None if body is None else json.dumps(body).encode()  # a search: POSTs JSON
        request = urllib.request.Request(f"{api}{endpoint}?{urlencode(query)}", data, JSON)
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)

    def answering() -> Any:
        try:
            return ask("registered-models/get", name=names["model_name"])["registered_model"]
        except OSError:  # not listening yet
            return None

    with Terminal(line, project, env) as ui:
        registered = ui.wait_until(answering, "an answer from MLflow's UI", timeout=300)
        experiment = ask("experiments/get-by-name", experiment_name=names["experiment"])
        ids = [experiment["experiment"]["experiment_id"]]
        runs = ask("runs/search", {"experiment_ids": ids, "max_results": 1000})["runs"]
        artifacts = {
            run["info"]["run_name"]: _artifacts(ask, run["info"]["run_id"]) for run in runs
        }
        ui.wait_until(lambda: settled(ui.process.pid), "MLflow's UI at rest", timeout=120)
        ui.press_ctrl_c()
        return BrowsedRuns(registered, runs, artifacts, ui.output())


def _group_cpu_ticks(group: int) -> int:
    """CPU time (clock ticks) used so far by the processes of a process group (Linux ``/proc``)."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # the process has just ended
            continue
        fields = text[text.rindex(")") + 2 :].split()  # from the state on: the name may hold spaces
        if int(fields[2]) == group:  # pgrp; utime and stime follow at 11 and 12
            ticks += int(fields[11]) + int(fields[12])
    return ticks


def settled(group: int, quiet: float = 1.5, busy: float = 0.05) -> bool:
    """Whether a process group used at most ``busy`` of one core over the next ``quiet`` s.

    MLflow's UI answers before it has finished starting: its job runner and job consumers
    import MLflow for seconds more. A person reads the runs for longer than that before
    pressing Ctrl+C; pressing it sooner interrupts those imports, and the interrupted
    imports' own errors (a ``KeyError`` from the import machinery, after the
    ``KeyboardInterrupt``) are no failure of the README's command.

    Args:
        group: The process group (the command's process id: it leads its own group).
        quiet: Seconds to watch.
        busy: Fraction of one core below which the group is at rest.

    Returns:
        ``True`` once the group was at rest for the whole ``quiet`` period.
    """
    before = _group_cpu_ticks(group)
    time.sleep(quiet)
    return _group_cpu_ticks(group) - before <= busy * quiet * os.sysconf("SC_CLK_TCK")


def _artifacts(ask: Callable[..., Any], run_id: str, path: str = "", depth: int = 2) -> list[str]:
    """A run's artifact paths under ``path``, ``depth`` folders deep (folders end with ``/``)."""
    files = ask("artifacts/list", run_id=run_id, path=path).get("files", [])
    paths = []
    for file in files:
        if file["is_dir"]:
            paths.append(file["path"] + "/")
            if depth > 1:
                paths += _artifacts(ask, run_id, file["path"], depth - 1)
        else:
            paths.append(file["path"])
    return paths
