"""Decision pages lead with the rule in a reader's form: a generated table, with the code below.

On every page tagged *Decision* that states a recommendation, the first block after the
recommendation (headings and plain paragraphs aside) must be a table — rendered from the same
data and function as the code — not a code listing. The code may follow, e.g. in a collapsed
``??? example "As code"`` block.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from tests.browser.site_pages import nav_sources
from tests.docs import chain, word_counts

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def front_matter(source: str) -> dict:
    text = (chain.DOCS / source).read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    return yaml.safe_load(text.split("---\n", 2)[1]) or {}


DECISION_PAGES = [
    s for s in nav_sources() if s.endswith(".md") and "Decision" in front_matter(s).get("tags", [])
]


def kind(block: Tag) -> str:
    """Classify a top-level block of the article."""
    if block.name == "table" or "md-typeset__scrollwrap" in block.get("class", []):
        return "table"
    if block.name == "details" or "admonition" in block.get("class", []):
        return "code" if block.select_one("pre, div.highlight") else "note"
    if block.name == "pre" or "highlight" in block.get("class", []):
        return "code"
    if block.name == "figure" or block.select_one("svg, .mermaid-diagram"):
        return "diagram"
    if block.name in HEADINGS or block.name == "p":
        return "prose"
    return block.name


def first_block_after_recommendation(html: str) -> str | None:
    """The kind of the first non-prose block after the "Recommendation:" paragraph."""
    article = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
    recommendation = next(
        (p for p in article.find_all("p") if p.get_text().strip().startswith("Recommendation:")),
        None,
    )
    if recommendation is None:
        return None
    for block in recommendation.find_next_siblings():
        if (found := kind(block)) != "prose":
            return found
    return "nothing"


def test_the_classifier_tells_tables_from_code():
    table_first = (
        '<article class="md-content__inner"><p><strong>Recommendation:</strong> x</p>'
        '<h2>The rule</h2><p>Read the row.</p><div class="md-typeset__scrollwrap"><table></table>'
        '</div><details class="example"><div class="highlight"><pre>code</pre></div></details>'
        "</article>"
    )
    code_first = (
        '<article class="md-content__inner"><p><strong>Recommendation:</strong> x</p>'
        '<h2>The rule</h2><div class="highlight"><pre>def rule(): ...</pre></div>'
        '<div class="md-typeset__scrollwrap"><table></table></div></article>'
    )
    assert first_block_after_recommendation(table_first) == "table"
    assert first_block_after_recommendation(code_first) == "code"


def test_technology_decision_pages_are_checked():
    assert "technology/workspace-topology.md" in DECISION_PAGES
    assert "technology/compute-selection.md" in DECISION_PAGES


@pytest.mark.parametrize("source", DECISION_PAGES)
def test_decision_page_leads_with_the_generated_table(built_site: Path, source: str):
    html = word_counts.built_file(built_site, source).read_text(encoding="utf-8")
    first = first_block_after_recommendation(html)
    if first is None:
        pytest.skip(f"{source} states no 'Recommendation:' paragraph")
    assert first == "table", f"{source}: the first thing under the recommendation is {first}"
