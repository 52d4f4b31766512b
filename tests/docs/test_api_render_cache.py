"""The API reference's render cache: keyed by the documented sources, replayed identically."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import zlib
from pathlib import Path

from tests.conftest import mkdocs_build
from tests.docs import chain
from tests.docs.mkdocstrings_site import write_config

HOOK = chain.DOCS / "hooks" / "api_render_cache.py"


def test_a_changed_added_or_removed_source_file_changes_the_hash(tmp_path: Path) -> None:
    cache = chain.load_hook("api_render_cache")
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text('"""A package."""\n')
    first = cache.sources_hash(package)
    (package / "__init__.py").write_text('"""A package, edited."""\n')
    edited = cache.sources_hash(package)
    (package / "mod.py").write_text('"""A module."""\n')
    added = cache.sources_hash(package)
    (package / "mod.py").unlink()
    assert len({first, edited, added}) == 3
    assert cache.sources_hash(package) == edited


def test_entries_are_kept_only_after_a_build_without_warnings(tmp_path: Path) -> None:
    hook = chain.load_hook("api_render_cache")
    hook.cache.folder = tmp_path
    entry = {"html": "<p>x</p>", "headings": [], "aliases": {}}
    hook.on_pre_build()
    hook.cache.put("warned", entry)
    logging.getLogger("mkdocs.test").warning("a warning fails a strict build")
    hook.on_post_build()
    hook.on_pre_build()
    hook.cache.put("clean", entry)
    hook.on_post_build()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.json"]
    assert hook.cache.get("clean") == entry and hook.cache.get("warned") is None


def _project(root: Path) -> Path:
    (root / "docs").mkdir()
    (root / "pkg").mkdir()
    (root / "pkg" / "__init__.py").write_text('"""The package."""\n')
    (root / "pkg" / "base.py").write_text(
        '"""Base."""\n\n\ndef helper(x: int) -> int:\n    """Double ``x``.\n\n'
        '    Args:\n        x: A number.\n\n    Returns:\n        Twice ``x``.\n    """\n'
        "    return 2 * x\n"
    )
    (root / "pkg" / "user.py").write_text('"""User."""\n\nfrom pkg.base import helper\n')
    (root / "docs" / "index.md").write_text("# API\n\n::: pkg.base\n\n::: pkg.user\n")
    return write_config(root, [HOOK], "{docstring_style: google, show_source: false}")


def test_a_warm_build_gives_the_same_page_and_inventory_as_a_cold_one(tmp_path: Path) -> None:
    config = _project(tmp_path)
    cold = mkdocs_build(config, tmp_path / "cold")
    assert cold.returncode == 0, cold.stderr
    entries = list((tmp_path / ".cache" / "api-render").glob("*.json"))
    assert len(entries) == 2  # one per ::: block
    warm = mkdocs_build(config, tmp_path / "warm")
    assert warm.returncode == 0, warm.stderr
    page = (tmp_path / "warm" / "index.html").read_text()
    assert page == (tmp_path / "cold" / "index.html").read_text()
    assert 'id="pkg.base.helper"' in page

    def inventory(site: str) -> bytes:
        return zlib.decompress((tmp_path / site / "objects.inv").read_bytes().split(b"\n", 4)[4])

    assert b"pkg.base.helper" in inventory("cold")
    assert inventory("warm") == inventory("cold")


def test_an_edited_docstring_is_rendered_again(tmp_path: Path) -> None:
    config = _project(tmp_path)
    assert mkdocs_build(config, tmp_path / "one").returncode == 0
    base = tmp_path / "pkg" / "base.py"
    base.write_text(base.read_text().replace("Double ``x``.", "Twice ``x``, as an int."))
    assert mkdocs_build(config, tmp_path / "two").returncode == 0
    assert "Twice <code>x</code>, as an int." in (tmp_path / "two" / "index.html").read_text()


def test_a_warm_build_collects_nothing(tmp_path: Path) -> None:
    config = _project(tmp_path)
    assert mkdocs_build(config, tmp_path / "cold").returncode == 0
    probe = (  # counts the packages griffe loads during one build
        "import griffe\nfrom mkdocs.commands.build import build\n"
        "from mkdocs.config import load_config\nloaded = []\nload = griffe.GriffeLoader.load\n"
        "def counted(self, name, *args, **kwargs):\n    loaded.append(name)\n"
        "    return load(self, name, *args, **kwargs)\n"
        "griffe.GriffeLoader.load = counted\n"
        f"build(load_config({str(config)!r}, site_dir={str(tmp_path / 'warm')!r}))\n"
        "print(sorted(set(loaded)))\n"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"  # griffe loaded no package
    edited = tmp_path / "pkg" / "user.py"
    edited.write_text(edited.read_text() + "\nVALUE = 1\n")
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "['pkg']"  # a miss collects as before


def test_a_block_naming_a_missing_module_still_fails_the_build(tmp_path: Path) -> None:
    config = _project(tmp_path)
    (tmp_path / "docs" / "index.md").write_text("# API\n\n::: pkg.missing\n")
    done = mkdocs_build(config, tmp_path / "site")
    assert done.returncode != 0
    assert "Could not collect 'pkg.missing'" in done.stdout + done.stderr
