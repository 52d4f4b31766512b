"""Three ``train`` processes on one working directory: one store, one champion, the best one.

Each batch starts a weaker, a better and a deliberately worse model at the same moment, as
real processes on the real SQLite store: first on a fresh working directory (the store is
created once, under the lock), then again on the now populated one. Every run exits 0 or
busy (7), and the champion is the best model the gate approved: a worse model never takes
the alias after a better one.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from reference_impl.exit_codes import ExitCode
from reference_impl.file_lock import acquire, release
from reference_impl.workdir import Workdir
from tests.reference_impl import early_jobs
from tests.reference_impl.identity import MODEL
from tests.reference_impl.lifecycle.conftest import call
from tests.reference_impl.lifecycle.processes import FAST, Finished, finish, start_train

BATCH = (FAST, (), ("--set", "model.params.max_iter=3"))


def version_tags(workdir: Path) -> dict[str, dict[str, str]]:
    """Tags of every registered version, read with sqlite3."""
    tags: dict[str, dict[str, str]] = {}
    with sqlite3.connect(workdir / "mlflow.db") as connection:
        for version, key, value in connection.execute(
            "SELECT version, key, value FROM model_version_tags WHERE name = ?", (MODEL,)
        ):
            tags.setdefault(str(version), {})[key] = value
    return tags


def champions(workdir: Path) -> list[str]:
    with sqlite3.connect(workdir / "mlflow.db") as connection:
        rows = connection.execute(
            "SELECT version FROM registered_model_aliases WHERE name = ? AND alias = 'champion'",
            (MODEL,),
        ).fetchall()
    return [str(row[0]) for row in rows]


def run_batch(workdir: Path) -> list[Finished]:
    processes = [start_train(workdir, *extra) for extra in BATCH]
    return [finish(process) for process in processes]


def assert_one_best_champion(
    results: list[Finished], champion_list: list[str], tags: dict[str, dict[str, str]]
) -> str:
    """Every run exited 0 or busy; exactly one champion, the best model the gate approved."""
    for result in results:
        assert result.code in (ExitCode.OK, ExitCode.BUSY), f"{result.args}: {result.err}"
        assert "Traceback" not in result.err, result.err
    approved = {v: float(t["holdout_roc_auc"]) for v, t in tags.items() if t["gate"] == "approved"}
    assert approved, "no run was approved"
    assert len(champion_list) == 1
    champion = champion_list[0]
    assert approved[champion] == max(approved.values())
    # and no rejected model beats the champion by the promotion margin
    rejected = [float(t["holdout_roc_auc"]) for t in tags.values() if t["gate"] == "rejected"]
    assert all(auc < approved[champion] + 0.002 for auc in rejected)
    return champion


def state(workdir: Path) -> tuple[list[str], dict[str, dict[str, str]]]:
    return champions(workdir), version_tags(workdir)


def run_both_batches(workdir: Path) -> dict:
    """The fresh batch, then the populated batch, on one working directory (an early job)."""
    fresh = run_batch(workdir)
    fresh_state = state(workdir)
    report(workdir, "fresh", fresh)
    populated = run_batch(workdir)
    report(workdir, "populated", populated)
    return {
        "workdir": workdir,
        "fresh": (fresh, *fresh_state),
        "populated": (populated, *state(workdir)),
    }


batches = early_jobs.fixture("batches", run_both_batches)


@pytest.mark.slow
def test_three_trains_on_a_fresh_workdir(batches: dict) -> None:
    results, champion_list, tags = batches["fresh"]
    for result in results:  # the store was created once: nobody crashed in a migration
        assert "_alembic_tmp" not in result.err and "OperationalError" not in result.err
    assert_one_best_champion(results, champion_list, tags)
    assert len(tags) == sum(result.code == ExitCode.OK for result in results)


@pytest.mark.slow
def test_three_trains_on_a_populated_workdir(batches: dict) -> None:
    results, champion_list, tags = batches["populated"]
    champion = assert_one_best_champion(results, champion_list, tags)
    # the same three settings again cannot beat the best of the first batch by the margin
    assert champion == batches["fresh"][1][0]


@pytest.mark.slow
def test_register_refuses_when_the_champion_moved_after_the_gate(
    batches: dict, tmp_path: Path
) -> None:
    from reference_impl.steps import register
    from reference_impl.tracking import use_workdir

    workdir = Workdir.at(batches["workdir"])
    use_workdir(workdir)
    before = state(workdir.root)
    run_dir = next(path for path in sorted(workdir.runs.iterdir()) if (path / "register").is_dir())
    verdict = json.loads((run_dir / "gate" / "decision" / "decision.json").read_text())
    stale = {**verdict, "approved": True, "champion": {"version": "999", "metrics": {}}}
    (tmp_path / "decision").mkdir()
    (tmp_path / "decision" / "decision.json").write_text(json.dumps(stale))
    argv = ["--model", str(run_dir / "train" / "model"), "--decision", str(tmp_path / "decision"),
            "--evidence", str(run_dir / "review" / "evidence"),
            "--model_name", MODEL, "--registration", str(tmp_path / "registration")]  # fmt: skip
    assert register.main(argv) == ExitCode.BUSY
    assert state(workdir.root) == before  # nothing registered, no alias moved


def report(workdir: Path, name: str, results: list[Finished]) -> None:
    """Write what the batch did next to the workdir (read by the benchmark note)."""
    lines = {
        "codes": [result.code for result in results],
        "champion": champions(workdir),
        "versions": version_tags(workdir),
    }
    (workdir / f"{name}-batch.json").write_text(json.dumps(lines, indent=2))
    # no print: this runs in the early-job thread, and a test on the main thread that swaps
    # sys.stdout to capture a command (contextlib.redirect_stdout) would capture it too


def test_a_train_that_cannot_get_the_lock_exits_busy(tmp_path: Path) -> None:
    workdir = Workdir.at(tmp_path / "workdir")
    handle = acquire(workdir.lock_file, wait=0)
    assert handle is not None
    try:
        code, _, err = call(["train", "--workdir", str(workdir.root), "--lock-wait", "0.5"])
    finally:
        release(handle)
    assert code == ExitCode.BUSY
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "another run held" in lines[0] and "0.5 s" in lines[0]
    assert not workdir.database.exists()  # it waited for the lock before touching the store
    assert not workdir.runs.exists()


def test_the_lock_is_free_again_when_its_holder_dies(tmp_path: Path) -> None:
    lock = tmp_path / "workdir.lock"
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child process
        os.close(reader)
        acquire(lock, wait=0)
        os.write(writer, b"x")
        os.close(writer)
        os.kill(os.getpid(), 9)
    os.close(writer)
    assert os.read(reader, 1) == b"x"
    os.close(reader)
    os.waitpid(child, 0)
    handle = acquire(lock, wait=2)
    assert handle is not None  # no stale lock left by a killed holder
    release(handle)
