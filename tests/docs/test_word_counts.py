"""Issue 18's floors on the built site: 600 words per guidance page, 35,000 for the guide.

Words are counted in the rendered main content with code, diagrams and page chrome removed
(``tests/docs/word_counts.py``); ``benchmarks/word_counts.py`` prints the same figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.site_pages import nav_sources
from tests.docs import word_counts
from tests.docs.word_counts import GUIDANCE_FLOOR, TOTAL_FLOOR

GUIDANCE = [source for source in nav_sources() if word_counts.is_guidance(source)]


def test_the_counter_counts_prose_and_tables_but_not_code():
    html = """
    <html><body><article class="md-content__inner md-typeset">
      <h1 id="t">Three word title<a class="headerlink" href="#t">¶</a></h1>
      <p>Five words of plain prose.</p>
      <table><tr><td>two cells</td></tr></table>
      <div class="highlight"><pre><code>import this as that and more</code></pre></div>
      <figure class="diagram"><svg><text>diagram words here</text></svg></figure>
    </article></body></html>
    """
    assert word_counts.prose_words(html) == 3 + 5 + 2


def test_guidance_pages_exclude_indexes_tags_api_and_template():
    assert not word_counts.is_guidance("technology/index.md")
    assert not word_counts.is_guidance("index.md")
    assert not word_counts.is_guidance("getting-started/tags.md")
    assert not word_counts.is_guidance("reference-implementation/api.md")
    assert not word_counts.is_guidance("contributing/chapter-template.md")
    assert word_counts.is_guidance("technology/compute-selection.md")
    assert len(GUIDANCE) >= 30


@pytest.mark.parametrize("source", GUIDANCE)
def test_guidance_page_has_at_least_600_words(built_site: Path, source: str):
    words = word_counts.file_words(word_counts.built_file(built_site, source))
    assert words >= GUIDANCE_FLOOR, f"{source} has {words} words of prose, below {GUIDANCE_FLOOR}"


def test_the_guide_without_the_api_reference_has_35000_words(built_site: Path):
    counts = word_counts.page_words(built_site, skip=frozenset({word_counts.API_PAGE}))
    total = word_counts.total_without_api(counts)
    thin = [f"{c.source} ({c.words})" for c in counts if c.guidance and c.words < GUIDANCE_FLOOR]
    assert total >= TOTAL_FLOOR, f"{total} words; thin guidance pages: {', '.join(thin)}"
