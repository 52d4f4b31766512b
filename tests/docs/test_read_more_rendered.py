"""Every guidance page of the built site ends with its "Read more" section, from the links data."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from accelerator.guidance.read_more import links_for
from tests.browser.site_pages import nav_sources
from tests.docs import word_counts

# Notebooks are rendered by mkdocs-jupyter and do not pass through the Markdown hook.
GUIDANCE = [s for s in nav_sources() if word_counts.is_guidance(s) and s.endswith(".md")]


@pytest.mark.parametrize("source", GUIDANCE)
def test_guidance_page_ends_with_its_read_more_links(built_site: Path, source: str):
    html = word_counts.built_file(built_site, source).read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
    heading = article.find("h2", id="read-more")
    assert heading is not None, f"{source} has no Read more section"
    assert article.find_all("h2")[-1] is heading, f"{source}: Read more is not the last section"
    hrefs = [a["href"] for a in heading.find_next("ul").select("a")]
    assert hrefs == [link.url for link in links_for(source)]
