"""Each part's index says which reader questions the part answers and links every page of it."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

import pytest

from tests.browser.site_pages import mkdocs_config
from tests.docs import chain

LINK = re.compile(r"\]\(([^)#\s]+\.(?:md|ipynb))(?:#[^)]*)?\)")


def parts() -> list[tuple[str, list[str]]]:
    """(index page, other pages) for every section of the navigation."""
    found = []
    for item in mkdocs_config()["nav"]:
        if isinstance(item, dict):
            ((_title, entries),) = item.items()
            if isinstance(entries, list):
                sources = [e if isinstance(e, str) else next(iter(e.values())) for e in entries]
                found.append((sources[0], sources[1:]))
    return found


def linked_pages(index: str) -> set[str]:
    """Pages (docs-relative) the index links to."""
    base = PurePosixPath(index).parent
    text = (chain.DOCS / index).read_text(encoding="utf-8")
    return {str(PurePosixPath(*(base / target).parts)) for target in LINK.findall(text)}


@pytest.mark.parametrize(("index", "pages"), parts(), ids=[index for index, _ in parts()])
def test_part_index_links_every_page_of_the_part(index, pages):
    assert index.endswith("index.md")
    assert (
        "| Reader question |" in (chain.DOCS / index).read_text()
        or "Question" in (chain.DOCS / index).read_text()
    )
    assert sorted(set(pages) - linked_pages(index)) == []


def test_every_part_is_checked():
    assert len(parts()) == 7
