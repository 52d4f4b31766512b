"""The working directory's MLflow store: check it before use, create it in one step.

A store is created in a side file and renamed into place only once MLflow's schema
migrations have finished, so a run killed while creating it leaves no half-built
``mlflow.db`` behind. An existing store is checked before every use: an empty file, a file
SQLite cannot read, corrupt pages, or a schema upgrade that never finished stop the command
with :attr:`~reference_impl.exit_codes.ExitCode.STORE_DAMAGED` and one sentence saying how
to recover. The store is never silently re-created, because that would drop the run history
and the registry (and with them the champion the gate compares against).

MLflow's migrations take about a second. The first store made with a given MLflow version is
also kept, empty, under ``~/.cache/mlops-stores/`` (``$XDG_CACHE_HOME`` if set); later stores
start as a copy of it, through the same side file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import time
from pathlib import Path

from reference_impl.exit_codes import ExitCode
from reference_impl.whole_file import whole_file
from reference_impl.workdir import Workdir, WorkdirError

SIDE_SUFFIX = ".creating"


class StoreDamaged(WorkdirError):
    """The store cannot be trusted; the message says how to recover."""

    exit_code = ExitCode.STORE_DAMAGED


def _has_content(folder: Path) -> bool:
    return folder.is_dir() and any(folder.iterdir())


def _problem(database: Path) -> str | None:
    """What is wrong with an existing store file, or ``None`` when it is sound."""
    if database.stat().st_size == 0:
        return (
            f"{database} is empty (0 bytes), so the run history and the model registry are gone; "
            "restore it from a backup, or move the working directory aside to start a new one"
        )
    connection = sqlite3.connect(f"{database.as_uri()}?mode=rw", uri=True)
    try:
        checked = [row[0] for row in connection.execute("PRAGMA quick_check(3)")]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        count = "SELECT count(*) FROM runs"
        runs = connection.execute(count).fetchone()[0] if "runs" in tables else 0
    except sqlite3.DatabaseError as exc:
        return (
            f"{database} cannot be read as an SQLite database ({' '.join(str(exc).split())}); "
            "restore it from a backup, or move the working directory aside to start a new one"
        )
    finally:
        connection.close()
    if checked != ["ok"]:
        report = " ".join(checked[0].split())[:120]
        return (
            f"{database} has corrupt pages (SQLite reports: {report}); restore it from a backup, "
            "or rescue what is readable with `sqlite3 mlflow.db .recover`"
        )
    half_done = sorted(name for name in tables if name.startswith("_alembic_tmp_"))
    if half_done or "alembic_version" not in tables or "experiments" not in tables:
        cause = f"table {half_done[0]} was left behind" if half_done else "tables are missing"
        advice = (
            "it holds no runs, so delete it and run the command again"
            if runs == 0
            else "restore it from a backup taken before the upgrade"
        )
        return f"{database} is half-created or half-upgraded ({cause}); {advice}"
    return None


# --8<-- [start:check-store]
def check_store(workdir: Workdir) -> None:
    """Refuse a store that would lose history or train on a broken registry.

    Args:
        workdir: The working directory.

    Raises:
        StoreDamaged: If ``mlflow.db`` is empty, unreadable, corrupt or half-migrated, or
            missing while the working directory already holds runs.
    """
    database = workdir.database
    if not database.exists():
        if _has_content(workdir.artifact_root) or _has_content(workdir.runs):
            raise StoreDamaged(
                f"{database} is missing but {workdir.root} holds earlier runs, so their history "
                "and the registry are gone; restore mlflow.db from a backup, or use a new "
                "working directory"
            )
        return
    problem = _problem(database)
    if problem is not None:
        raise StoreDamaged(problem)
    # --8<-- [end:check-store]


def template_path() -> Path:
    """Where the empty store made by this MLflow version is kept for the next new store."""
    from mlflow.version import VERSION

    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "mlops-stores" / f"mlflow-{VERSION}.db"


def _keep_template(store: Path, template: Path) -> None:
    """Copy a just-migrated, still empty store to ``template``; skip where that cannot be."""
    with contextlib.suppress(OSError), whole_file(template) as side:
        shutil.copyfile(store, side)


def _from_template(template: Path, side: Path, workdir: Workdir) -> bool:
    """Fill ``side`` from a sound template and point its default experiment at ``workdir``.

    Returns:
        ``False``, with ``side`` removed, when there is no usable template: the caller then
        runs MLflow's migrations.
    """
    try:
        if not template.is_file() or _problem(template) is not None:
            return False
        shutil.copyfile(template, side)
        now = int(time.time() * 1000)
        connection = sqlite3.connect(side)
        try:
            with connection:
                connection.execute(
                    "UPDATE experiments SET artifact_location = ?, creation_time = ?, "
                    "last_update_time = ? WHERE experiment_id = 0",
                    (f"{workdir.artifact_root.as_uri()}/0", now, now),
                )
        finally:
            connection.close()
    except (OSError, sqlite3.Error):
        side.unlink(missing_ok=True)
        return False
    return True


def create_store(workdir: Workdir) -> None:
    """Create ``mlflow.db`` with MLflow's full schema, atomically.

    The schema is built in ``mlflow.db.creating`` (by MLflow's migrations, or as a copy of the
    empty store this MLflow version made before) and renamed over ``mlflow.db`` only when it is
    complete. Call it with the workdir lock held (a side file left by a killed creator is simply
    replaced).

    Args:
        workdir: The working directory (its store must not exist yet).
    """
    side = workdir.database.with_name(workdir.database.name + SIDE_SUFFIX)
    for leftover in (side, side.with_name(side.name + "-journal")):
        leftover.unlink(missing_ok=True)
    template = template_path()
    if not _from_template(template, side, workdir):
        from mlflow.store.tracking.sqlalchemy_store import SqlAlchemyStore

        store = SqlAlchemyStore(f"sqlite:///{side}", workdir.artifact_root.as_uri())
        store.engine.dispose()
        _keep_template(side, template)
    os.replace(side, workdir.database)
