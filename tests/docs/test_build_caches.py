"""The build caches of search entries, guidance tables and notebooks: same site, less work."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from accelerator.site_build.build_cache import UNUSED_DAYS, BuildCache
from accelerator.site_build.repository_cache import repository_fingerprint
from tests.conftest import mkdocs_build
from tests.docs import chain

NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# A first experiment\n"]},
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": ["print('hello')\n"],
        },
    ],
    "metadata": {"kernelspec": {"name": "python3", "language": "python", "display_name": "P"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def _site(root: Path) -> Path:
    """A site under ``root``; the tests build it outside, as the suite and the benchmark do."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(
        "# Home\n\n## Tables\n\n<!-- render: accelerator.guidance.roles:roles_table -->\n"
    )
    (root / "docs" / "nb.ipynb").write_text(json.dumps(NOTEBOOK))
    hooks = chain.DOCS / "hooks"
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: t\ntheme: {name: material}\n"
        f"hooks: [{hooks / 'guidance_tables.py'}, {hooks / 'search_cache.py'}, "
        f"{hooks / 'downloads.py'}]\n"
        "plugins:\n  - search\n  - accelerator-notebooks:\n      include_source: true\n"
        "nav: [index.md, nb.ipynb]\n"
    )
    return config


def _entries(root: Path) -> dict[str, set[str]]:
    cache = root / ".cache"
    return {d.name: {p.name for p in d.glob("*.json")} for d in cache.iterdir()}


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def cold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once from nothing: ``repo`` (with the caches it wrote) and ``site``."""
    root = tmp_path_factory.mktemp("cold")
    done = mkdocs_build(_site(root / "repo"), root / "site")
    assert done.returncode == 0, done.stderr
    return root


def _copy(cold: Path, tmp_path: Path) -> Path:
    """A copy of the cold build's repository, its caches included; returns its ``mkdocs.yml``."""
    shutil.copytree(cold / "repo", tmp_path / "repo")
    return tmp_path / "repo" / "mkdocs.yml"


def test_a_warm_build_is_byte_for_byte_the_cold_one(cold: Path, tmp_path: Path) -> None:
    entries = _entries(cold / "repo")
    assert {name: len(found) for name, found in entries.items()} == {
        "guidance-tables": 5,  # the table, the two downloads, each page's Read more (none)
        "search-entries": 2,  # one per page
        "notebooks": 1,
    }
    config = _copy(cold, tmp_path)
    warm = mkdocs_build(config, tmp_path / "warm")
    assert warm.returncode == 0, warm.stderr
    assert _entries(config.parent) == entries  # every lookup hit
    assert _files(tmp_path / "warm") == _files(cold / "site")
    page = (tmp_path / "warm" / "nb" / "index.html").read_text()
    assert "A first experiment" in page and "hello" in page
    assert (tmp_path / "warm" / "nb" / "nb.ipynb").read_bytes() == (
        config.parent / "docs" / "nb.ipynb"
    ).read_bytes()  # include_source: the notebook is there to download
    index = json.loads((tmp_path / "warm" / "search" / "search_index.json").read_text())
    assert {doc["location"] for doc in index["docs"]} >= {"", "nb/"}


def test_an_edit_renders_only_what_it_touches(cold: Path, tmp_path: Path) -> None:
    repo = _copy(cold, tmp_path).parent
    before = _entries(repo)
    page = repo / "docs" / "index.md"
    page.write_text(page.read_text() + "\nA new paragraph.\n")
    notebook = dict(
        NOTEBOOK, cells=[*NOTEBOOK["cells"][:1], NOTEBOOK["cells"][1] | {"source": ["1"]}]
    )
    (repo / "docs" / "nb.ipynb").write_text(json.dumps(notebook))
    done = mkdocs_build(repo / "mkdocs.yml", tmp_path / "second")
    assert done.returncode == 0, done.stderr
    after = _entries(repo)
    assert after["guidance-tables"] == before["guidance-tables"]  # prose edit: table reused
    assert len(after["search-entries"] - before["search-entries"]) == 2  # both pages changed
    assert len(after["notebooks"] - before["notebooks"]) == 1
    assert "A new paragraph" in (tmp_path / "second" / "index.html").read_text()


def test_a_warm_build_imports_neither_mkdocs_jupyter_nor_the_render_functions(
    cold: Path, tmp_path: Path
) -> None:
    config = _copy(cold, tmp_path)
    probe = (
        "import sys\nfrom mkdocs.commands.build import build\n"
        "from mkdocs.config import load_config\n"
        f"build(load_config({str(config)!r}, site_dir={str(tmp_path / 'warm')!r}))\n"
        "heavy = ('mkdocs_jupyter', 'nbconvert', 'jupytext', 'accelerator.guidance.roles',\n"
        "         'accelerator.guidance.raci', 'accelerator.guidance.questionnaire',\n"
        "         'accelerator.guidance.read_more')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert _files(tmp_path / "warm") == _files(cold / "site")


def test_the_fingerprint_follows_files_but_not_prose(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "accelerator").mkdir(parents=True)
    (docs / "page.md").write_text("# Page\n")
    (docs / "accelerator" / "notes.md").write_text("tooling data\n")
    (tmp_path / "data.yaml").write_text("a: 1\n")

    def fingerprint() -> str:
        return repository_fingerprint(tmp_path, docs)

    first = fingerprint()
    (docs / "page.md").write_text("# Page\n\nMore prose.\n")
    assert fingerprint() == first
    (tmp_path / "data.yaml").write_text("a: 22\n")
    second = fingerprint()
    (docs / "accelerator" / "notes.md").write_text("tooling data, edited\n")
    third = fingerprint()
    (docs / "page.md").rename(docs / "renamed.md")
    assert len({first, second, third, fingerprint()}) == 4


def test_entries_no_build_used_for_a_day_are_deleted(tmp_path: Path) -> None:
    """Every edit leaves entries behind: those unused for UNUSED_DAYS go, read ones stay."""
    cache = BuildCache("entries")
    cache.configure(tmp_path / "mkdocs.yml")
    cache.start()
    for key in ("stale", "read", "fresh"):
        cache.put(key, {"key": key})
    assert cache.commit() == 3
    long_ago = time.time() - (UNUSED_DAYS + 1) * 86_400
    for key in ("stale", "read"):
        os.utime(cache.folder / f"{key}.json", (long_ago, long_ago))
    cache.start()  # the next build reads one of the old entries
    assert cache.get("read") == {"key": "read"}
    assert cache.get("gone") is None
    cache.commit()
    assert sorted(path.stem for path in cache.folder.glob("*.json")) == ["fresh", "read"]
