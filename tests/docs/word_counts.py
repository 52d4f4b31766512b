"""Words of own prose per built page: rendered main content without code, diagrams or chrome.

Shared by ``tests/docs/test_word_counts.py`` (the floors) and ``benchmarks/word_counts.py``
(the figures). A *guidance page* is every page of the navigation except the part indexes (and
the home page), the tags page, the API reference and the contributing chapter template.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from bs4 import BeautifulSoup

from tests.browser.site_pages import nav_sources, page_url

GUIDANCE_FLOOR = 600  # words per guidance page
TOTAL_FLOOR = 35_000  # words of the whole guide, without the API reference
API_PAGE = "reference-implementation/api.md"
NOT_GUIDANCE = {"getting-started/tags.md", API_PAGE, "contributing/chapter-template.md"}
# Parts of the rendered article that are not prose a reader reads as text.
REMOVED = [
    "pre",
    "div.highlight",
    "table.highlighttable",
    "svg",
    "script",
    "style",
    "a.headerlink",
    "figure.diagram",
    ".mermaid-diagram",
    ".md-source-file",
    ".md-tags",
    ".jp-CodeCell .jp-InputArea",
    ".jp-InputPrompt",
    ".jp-OutputPrompt",
]
WORD = re.compile(r"[A-Za-z0-9][\w'’.-]*")


@dataclass(frozen=True)
class PageWords:
    """Words of one built page.

    Attributes:
        source: The page's source, relative to ``docs/``.
        words: Words of prose (tables count, code does not).
        guidance: Whether the page is a guidance page (held to the per-page floor).
    """

    source: str
    words: int
    guidance: bool


def is_guidance(source: str) -> bool:
    """Whether a navigation page is a guidance page."""
    return PurePosixPath(source).name != "index.md" and source not in NOT_GUIDANCE


def prose_words(html: str) -> int:
    """Count words in the main content of a built page, without code and page chrome."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.md-content__inner") or soup.select_one("article")
    if article is None:
        return 0
    for selector in REMOVED:
        for node in article.select(selector):
            node.decompose()
    return len(WORD.findall(article.get_text(" ")))


@functools.cache
def _file_words(path: Path, size: int, mtime_ns: int) -> int:
    return prose_words(path.read_text(encoding="utf-8"))


def file_words(path: Path) -> int:
    """:func:`prose_words` of a built file, parsed once per version of the file."""
    stat = path.stat()
    return _file_words(path, stat.st_size, stat.st_mtime_ns)


def built_file(site_dir: Path, source: str) -> Path:
    """The HTML file MkDocs writes for a navigation source."""
    return site_dir / page_url(source) / "index.html"


def page_words(site_dir: Path, *, skip: frozenset[str] = frozenset()) -> list[PageWords]:
    """Words of every navigation page of a built site but ``skip``, in navigation order.

    Args:
        site_dir: The built site.
        skip: Sources not counted (the API reference, whose 2 MB of HTML take seconds to
            parse, when only the total without it is wanted).

    Returns:
        One count per page.
    """
    return [
        PageWords(
            source,
            file_words(built_file(site_dir, source)),
            is_guidance(source),
        )
        for source in nav_sources()
        if source not in skip
    ]


def total_without_api(counts: list[PageWords]) -> int:
    """The whole guide's words, without the API reference."""
    return sum(c.words for c in counts if c.source != API_PAGE)
