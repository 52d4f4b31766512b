"""Material's search plugin strips ``data-search-*`` attributes only from pages that have one."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.conftest import mkdocs_build
from tests.docs import chain

PAGES = {
    "index.md": "# Home\n\nEvery reader finds this.\n",
    "secret.md": (
        "# Secret\n\nSearch finds this part.\n\n"
        '## Hidden {: data-search-exclude="yes" }\n\nSearch never shows this part.\n'
    ),
}


def _site(root: Path, *, hook: bool) -> Path:
    """Two pages, one with an attribute the plugin strips; with or without the hook."""
    (root / "docs").mkdir(parents=True)
    for name, text in PAGES.items():
        (root / "docs" / name).write_text(text)
    hooks = f"hooks: [{chain.DOCS / 'hooks' / 'search_cache.py'}]\n" if hook else ""
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: t\ntheme: {name: material}\nplugins: [search]\n"
        f"markdown_extensions: [attr_list]\n{hooks}nav: [index.md, secret.md]\n"
    )
    return config


def _files(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text()
        for p in site.rglob("*")
        if p.suffix in {".html", ".json"}
    }


def test_the_site_and_its_index_are_the_plain_plugins(tmp_path: Path) -> None:
    plain = mkdocs_build(_site(tmp_path / "plain", hook=False), tmp_path / "plain-site")
    hooked = mkdocs_build(_site(tmp_path / "hooked", hook=True), tmp_path / "hooked-site")
    assert plain.returncode == 0, plain.stderr
    assert hooked.returncode == 0, hooked.stderr
    expected = _files(tmp_path / "plain-site")
    assert _files(tmp_path / "hooked-site") == expected
    assert "data-search-" not in expected["secret/index.html"]  # the plugin stripped it
    index = json.loads(expected["search/search_index.json"])
    texts = " ".join(doc["text"] for doc in index["docs"])
    assert "Search finds this part" in texts and "Search never shows" not in texts


class _CountingRe:
    """``re`` as the search plugin's module sees it, noting the pages it strips."""

    def __init__(self) -> None:
        self.stripped: list[str] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)

    def sub(self, pattern: str, repl: str, string: str, **kwargs: Any) -> str:
        if "data-search-" in pattern:
            self.stripped.append(string)
        return re.sub(pattern, repl, string, **kwargs)


def test_only_the_page_with_an_attribute_is_stripped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import material.plugins.search.plugin as search_plugin

    counting = _CountingRe()
    monkeypatch.setattr(search_plugin, "re", counting)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    build(load_config(str(_site(tmp_path, hook=True)), site_dir=str(tmp_path / "site")))
    assert len(counting.stripped) == 1
    assert "Search never shows this part" in counting.stripped[0]
