"""A new store starts as a copy of the empty store this MLflow version made before."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reference_impl.store import check_store, create_store, template_path
from reference_impl.workdir import Workdir


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def experiments(workdir: Workdir) -> list[tuple[int, str, str]]:
    with sqlite3.connect(workdir.database) as connection:
        query = "SELECT experiment_id, name, artifact_location FROM experiments"
        return connection.execute(query).fetchall()


def test_the_first_store_is_kept_and_the_next_one_points_at_its_own_folder(
    tmp_path: Path, cache: Path
) -> None:
    first = Workdir.at(tmp_path / "first")
    create_store(first)
    template = template_path()
    assert template.parent.parent == cache and template.is_file()
    with sqlite3.connect(template) as connection:  # a mark that only a copy can carry
        connection.execute("INSERT INTO experiment_tags VALUES ('from', 'template', 0)")
    second = Workdir.at(tmp_path / "second")
    create_store(second)
    check_store(second)  # sound: schema complete, nothing half-done
    with sqlite3.connect(second.database) as connection:
        assert connection.execute("SELECT key, value FROM experiment_tags").fetchall() == [
            ("from", "template")
        ]
    assert experiments(second) == [(0, "Default", f"{second.artifact_root.as_uri()}/0")]
    assert experiments(first) == [(0, "Default", f"{first.artifact_root.as_uri()}/0")]
    assert not list(tmp_path.glob("*/mlflow.db.creating"))


def test_a_damaged_template_is_passed_over_and_replaced(tmp_path: Path, cache: Path) -> None:
    template = template_path()
    template.parent.mkdir(parents=True)
    template.write_bytes(b"not a database " * 300)
    workdir = Workdir.at(tmp_path / "workdir")
    create_store(workdir)
    check_store(workdir)
    assert experiments(workdir)[0][2] == f"{workdir.artifact_root.as_uri()}/0"
    with sqlite3.connect(template) as connection:  # migrated afresh and kept again
        assert connection.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)


def test_a_template_of_another_shape_is_passed_over(tmp_path: Path, cache: Path) -> None:
    """Sound as SQLite and complete by name, but not the schema the copy is adjusted in."""
    template = template_path()
    template.parent.mkdir(parents=True)
    with sqlite3.connect(template) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num TEXT)")
        connection.execute("CREATE TABLE experiments (experiment_id INTEGER, name TEXT)")
    workdir = Workdir.at(tmp_path / "workdir")
    create_store(workdir)
    check_store(workdir)
    assert experiments(workdir) == [(0, "Default", f"{workdir.artifact_root.as_uri()}/0")]
    assert not list(workdir.root.glob("*.creating"))


def test_a_cache_that_cannot_be_written_costs_only_the_migrations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "cache-is-a-file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    workdir = Workdir.at(tmp_path / "workdir")
    create_store(workdir)
    check_store(workdir)
    assert experiments(workdir)[0][1] == "Default"
