"""A killed or damaged working directory: the next run recovers, or says how, never starts over.

Kills are real: ``train`` runs as its own process and gets SIGKILL at a chosen moment of its
first run (while MLflow builds the store, while a step runs, while the registry lock is held).
Damaged stores are planted: an empty ``mlflow.db``, garbage, corrupt pages, a schema upgrade
that never finished, a store deleted under earlier runs.
"""

from __future__ import annotations

import contextlib
import shlex
import signal
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from reference_impl.data import BATCH_DIR, FRESH_BATCH, TRAINING_DATA
from reference_impl.exit_codes import ExitCode
from reference_impl.store import StoreDamaged, check_store, create_store
from reference_impl.workdir import Workdir
from tests.reference_impl.lifecycle.conftest import call
from tests.reference_impl.lifecycle.kill_watch import KILL_POINTS
from tests.reference_impl.lifecycle.processes import (
    FAST,
    ROOT,
    Finished,
    finish,
    kill_at,
    start_train,
    train_command,
    train_env,
)
from tests.reference_impl.terminal import Terminal


def small_data(folder: Path) -> Path:
    """The first 2,000 customers: enough for the floors, quicker to train on."""
    path = folder / "customers-2000.csv"
    pd.read_csv(TRAINING_DATA, dtype=str).head(2000).to_csv(path, index=False)
    return path


def run_statuses(workdir: Path) -> dict[str, str]:
    """Status of every run in the workdir's store, read with sqlite3 (no MLflow state)."""
    with sqlite3.connect(workdir / "mlflow.db") as connection:
        return dict(connection.execute("SELECT run_uuid, status FROM runs"))


def pipeline_status(workdir: Path) -> str:
    """Status of the pipeline run (the one run without a parent), read with sqlite3."""
    query = (
        "SELECT status FROM runs WHERE run_uuid NOT IN "
        "(SELECT run_uuid FROM tags WHERE key = 'mlflow.parentRunId')"
    )
    with contextlib.closing(sqlite3.connect(workdir / "mlflow.db")) as connection:
        ((status,),) = connection.execute(query).fetchall()
    return status


def registered_versions(workdir: Path) -> int:
    """How many model versions the workdir's store holds (0 without a store or its tables)."""
    if not (workdir / "mlflow.db").exists():
        return 0
    with sqlite3.connect(workdir / "mlflow.db") as connection:
        try:
            return connection.execute("SELECT COUNT(*) FROM model_versions").fetchone()[0]
        except sqlite3.OperationalError:  # killed before MLflow made its tables
            return 0


@dataclass(frozen=True)
class KillAndRetrain:
    """A first ``train`` killed at a point, then a second one on the same working directory."""

    killed: bool
    before: dict[str, str]
    registered_before: int
    after: Finished | None
    workdir: Path


def kill_then_train(folder: Path, point: str) -> KillAndRetrain:
    """Kill a first ``train`` at ``point``, then train again (two processes: an early job)."""
    data, workdir = small_data(folder), folder / "workdir"
    # No kept empty store (reference_impl.store.template_path): MLflow's migrations run, so
    # the store is being created for about a second, not for the moment a copy takes.
    no_template = {"XDG_CACHE_HOME": str(folder / "cache")}
    process = start_train(workdir, "--data", str(data), *FAST, env_extra=no_template)
    killed = kill_at(process, workdir, point)
    before = run_statuses(workdir) if (workdir / "mlflow.db").exists() else {}
    registered = registered_versions(workdir)
    after = finish(start_train(workdir, "--data", str(data), *FAST)) if killed else None
    return KillAndRetrain(killed, before, registered, after, workdir)


@pytest.mark.slow
@pytest.mark.early.with_args(kill_then_train)
@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_the_train_after_a_killed_first_train_succeeds(
    point: str, early_result: KillAndRetrain
) -> None:
    assert early_result.killed, f"train ended before {point}"
    assert early_result.registered_before == 0, f"the kill {point} came after registering"
    after, before, workdir = early_result.after, early_result.before, early_result.workdir

    assert after.code == 0, after.err
    assert "champion is version 1" in after.out
    statuses = run_statuses(workdir)
    assert "RUNNING" not in statuses.values()
    interrupted = [run for run, status in before.items() if status == "RUNNING"]
    assert all(statuses[run] == "KILLED" for run in interrupted)
    if interrupted:
        assert f"marked {len(interrupted)} run(s) of an interrupted train as KILLED" in after.out
    assert not (workdir / "mlflow.db.creating").exists()


def step_is_running(workdir: Path, step: str) -> bool:
    """Whether MLflow shows the run of ``step`` as running (read-only, as ``train`` writes)."""
    if not (workdir / "mlflow.db").exists():
        return False
    uri = f"{(workdir / 'mlflow.db').as_uri()}?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
        try:
            query = "SELECT 1 FROM runs WHERE name = ? AND status = 'RUNNING'"
            return connection.execute(query, (step,)).fetchone() is not None
        except sqlite3.OperationalError:  # MLflow has not made its tables yet
            return False


def test_ctrl_c_stops_train_in_one_line_and_marks_its_runs_killed(tmp_path: Path) -> None:
    data, workdir = small_data(tmp_path), tmp_path / "workdir"
    line = shlex.join(train_command(workdir, "--data", str(data), *FAST))
    with Terminal(line, ROOT, train_env()) as terminal:
        # validate is short: press as soon as MLflow shows it running
        terminal.wait_until(lambda: step_is_running(workdir, "validate"), "validate running")
        code = terminal.press_ctrl_c()

    shown = terminal.output()
    assert code == -signal.SIGINT, shown  # ExitCode.INTERRUPTED, 130, in a shell
    assert ExitCode.INTERRUPTED == 128 + signal.SIGINT
    last = shown.strip().splitlines()[-1].removeprefix("^C")  # the terminal's echo of Ctrl-C
    assert last == "stopped by Ctrl-C: train did not finish", shown
    assert "Traceback" not in shown and "KeyboardInterrupt" not in shown, shown
    statuses = run_statuses(workdir)
    assert pipeline_status(workdir) == "KILLED", statuses
    assert set(statuses.values()) <= {"KILLED", "FINISHED"}, statuses  # the step it was in: KILLED
    assert registered_versions(workdir) == 0
    assert not any(Workdir(workdir).run_locks.glob("*.lock"))

    code, out, err = call(["train", "--workdir", str(workdir), "--data", str(data), *FAST])
    assert code == 0, err
    assert "champion is version 1" in out and "marked" not in out  # nothing left to mend


@pytest.mark.parametrize("when", ["created-not-active", "active-not-entered"])
def test_a_ctrl_c_while_mlflow_starts_a_steps_run_leaves_no_run_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    """The test above failed now and then in a loaded CI job with the pipeline ``KILLED`` and
    the validate run still ``RUNNING``: the Ctrl-C had landed inside ``mlflow.start_run``,
    after the run was written to the store and before MLflow made it the active run, so
    ending "the active run" ended the pipeline and left the step's run open. Landing just
    after it became active, the step's run was ended instead and the pipeline stayed open.
    Here the Ctrl-C is raised at each of those two moments."""
    import mlflow
    from mlflow import MlflowClient

    from reference_impl.pipeline import local

    real_start_run = local.start_run

    def start_run(**options: object) -> object:
        if options.get("run_name") != "validate":
            return real_start_run(**options)
        parent = mlflow.active_run()
        assert parent is not None
        if when == "created-not-active":  # what mlflow.start_run has done at that moment
            tags = {"mlflow.parentRunId": parent.info.run_id}
            MlflowClient().create_run(parent.info.experiment_id, run_name="validate", tags=tags)
        else:
            real_start_run(**options)
        raise KeyboardInterrupt  # what the SIGINT handler raises at that moment

    monkeypatch.setattr(local, "start_run", start_run)
    data, workdir = small_data(tmp_path), tmp_path / "workdir"
    code, out, err = call(["train", "--workdir", str(workdir), "--data", str(data), *FAST])
    assert code == ExitCode.INTERRUPTED, out + err
    assert sorted(run_statuses(workdir).values()) == ["KILLED", "KILLED"]  # pipeline, step
    assert mlflow.active_run() is None
    monkeypatch.undo()
    code, out, err = call(["train", "--workdir", str(workdir), "--data", str(data), *FAST])
    assert code == 0, err
    assert "marked" not in out  # nothing left to mend


class _CtrlCWhileDefined:
    """A class attribute whose ``__set_name__`` gets the Ctrl-C (Python 3.11 wraps it)."""

    def __set_name__(self, owner: type, name: str) -> None:
        raise KeyboardInterrupt  # what the SIGINT handler raises at that moment


@pytest.mark.parametrize("step", ["validate", "train"])
def test_a_ctrl_c_while_a_step_defines_a_class_is_still_a_ctrl_c(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """Importing pandera or pydantic models defines such classes (the test above, now and then)."""
    import importlib

    def main(argv: list[str]) -> int:
        class Defined:  # defining it is the point
            field = _CtrlCWhileDefined()

        return 0

    module = importlib.import_module(f"reference_impl.steps.{step}")
    monkeypatch.setattr(module, "main", main)
    data, workdir = small_data(tmp_path), tmp_path / "workdir"
    code, out, err = call(["train", "--workdir", str(workdir), "--data", str(data), *FAST])
    assert code == ExitCode.INTERRUPTED, out + err
    assert err == "stopped by Ctrl-C: train did not finish\n"
    assert pipeline_status(workdir) == "KILLED"
    assert sorted(run_statuses(workdir).values()).count("KILLED") == 2  # the pipeline, the step
    assert registered_versions(workdir) == 0


@pytest.fixture(scope="module")
def fresh_store(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a new, sound MLflow store (its migrations run once per module)."""
    workdir = Workdir.at(tmp_path_factory.mktemp("fresh"))
    create_store(workdir)
    return workdir.database.read_bytes()


def _store(tmp_path: Path, content: bytes) -> Workdir:
    workdir = Workdir.at(tmp_path / "workdir")
    workdir.database.write_bytes(content)
    return workdir


def _refused(workdir: Workdir, *words: str) -> str:
    """``train`` stops with STORE_DAMAGED and one sentence holding ``words``; nothing written."""
    size = workdir.database.stat().st_size if workdir.database.exists() else None
    code, _, err = call(["train", "--workdir", str(workdir.root), *FAST])
    assert code == ExitCode.STORE_DAMAGED, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    for word in words:
        assert word in lines[0]
    assert "Traceback" not in err
    assert not (workdir.runs).exists()
    assert (workdir.database.stat().st_size if workdir.database.exists() else None) == size
    return lines[0]


def test_an_empty_store_is_refused_not_recreated(tmp_path: Path) -> None:
    workdir = Workdir.at(tmp_path / "workdir")
    workdir.database.touch()
    _refused(workdir, "empty (0 bytes)", "restore it from a backup")


def test_a_store_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    workdir = Workdir.at(tmp_path / "workdir")
    workdir.database.write_bytes(b"not a database at all " * 400)
    _refused(workdir, "cannot be read as an SQLite database")


def test_a_store_with_corrupt_pages_is_refused(tmp_path: Path, fresh_store: bytes) -> None:
    workdir = _store(tmp_path, fresh_store)
    with sqlite3.connect(workdir.database) as connection:
        page = connection.execute("PRAGMA page_size").fetchone()[0]
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
    data = bytearray(workdir.database.read_bytes())
    for number in range(pages // 3, pages // 3 + 4):  # four pages in the middle of the file
        data[number * page : (number + 1) * page] = bytes([0xA5]) * page
    workdir.database.write_bytes(bytes(data))
    message = _refused(workdir, str(workdir.database))
    assert "corrupt pages" in message or "cannot be read" in message


def test_a_half_upgraded_store_is_refused_with_the_way_out(
    tmp_path: Path, fresh_store: bytes
) -> None:
    workdir = _store(tmp_path, fresh_store)
    with sqlite3.connect(workdir.database) as connection:
        connection.execute("CREATE TABLE _alembic_tmp_runs (run_uuid TEXT)")
    _refused(workdir, "half-created or half-upgraded", "_alembic_tmp_runs", "holds no runs")


def test_a_store_deleted_under_earlier_runs_is_refused(tmp_path: Path) -> None:
    workdir = Workdir.at(tmp_path / "workdir")
    (workdir.artifact_root / "1" / "abc").mkdir(parents=True)
    _refused(workdir, "is missing", "holds earlier runs")
    assert not workdir.database.exists()


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["serve", "--port", "1"], marks=pytest.mark.online, id="serve"),
        pytest.param(["batch-score", "--input", str(BATCH_DIR)], marks=pytest.mark.batch,
                     id="batch-score"),
        pytest.param(["monitor", "--current", str(FRESH_BATCH)], id="monitor"),
    ],
)  # fmt: skip
def test_a_damaged_store_stops_the_other_local_commands_with_the_code_their_help_lists(
    tmp_path: Path, command: list[str]
) -> None:
    import importlib

    from reference_impl.cli import build_parser

    workdir = Workdir.at(tmp_path / "workdir")
    workdir.database.write_bytes(b"not a database at all " * 400)
    output = ["--output", str(tmp_path / "out.csv")] if command[0] == "batch-score" else []
    code, out, err = call([*command, *output, "--workdir", str(workdir.root)])
    assert code == ExitCode.STORE_DAMAGED, err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "cannot be read as an SQLite database" in err
    assert out == "" and not (tmp_path / "out.csv").exists()
    name = command[0].replace("-", "_")
    module = importlib.import_module(f"reference_impl.commands.{name}")
    assert module.EXITS[ExitCode.STORE_DAMAGED] == "the MLflow store is damaged"
    parsers = next(a for a in build_parser()._actions if hasattr(a, "choices") and a.choices)
    help_text = " ".join(parsers.choices[command[0]].format_help().split())
    assert "8 the MLflow store is damaged" in help_text


def test_a_sound_store_passes_and_a_missing_one_in_an_empty_folder_is_fine(
    tmp_path: Path, fresh_store: bytes
) -> None:
    workdir = Workdir.at(tmp_path / "empty")
    check_store(workdir)  # nothing there yet: a first run may create it
    sound = _store(tmp_path, fresh_store)
    check_store(sound)
    with pytest.raises(StoreDamaged):
        sound.database.write_bytes(b"")
        check_store(sound)
