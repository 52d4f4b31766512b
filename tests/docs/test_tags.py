"""Tags: every content page says who it is for and what it is about, and the listing shows it."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.browser.site_pages import mkdocs_config, nav_sources, page_url
from tests.conftest import mkdocs_build
from tests.docs import chain

AUDIENCE = {
    "Leadership",
    "Product owner",
    "Data scientist",
    "ML engineer",
    "Platform engineer",
    "Risk and compliance",
    "Contributor",
}
TOPIC = {
    "Decision",
    "Governance",
    "Security",
    "Cost",
    "Deployment",
    "Monitoring",
    "Automation",
    "Onboarding",
    "Reference",
}
LISTING = "getting-started/tags.md"
# Hubs point to everything in their part; the notebook has no front matter to carry tags.
UNTAGGED = {"index.md", LISTING, "getting-started/config-notebook.ipynb"}
TAGGED = [s for s in nav_sources() if s not in UNTAGGED and not s.endswith("/index.md")]


def front_matter_tags(source: str) -> list[str]:
    text = (chain.DOCS / source).read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
    return (yaml.safe_load(match[1]) or {}).get("tags", []) if match else []


def test_the_allowed_tags_are_exactly_the_audiences_and_topics():
    (tags,) = [p["tags"] for p in mkdocs_config()["plugins"] if isinstance(p, dict) and "tags" in p]
    assert set(tags["tags_allowed"]) == AUDIENCE | TOPIC
    assert len(tags["tags_allowed"]) == len(AUDIENCE | TOPIC)


@pytest.mark.parametrize("source", TAGGED)
def test_each_content_page_has_an_audience_and_a_topic(source: str):
    tags = set(front_matter_tags(source))
    assert tags & AUDIENCE, f"{source}: say who the page is for"
    assert tags & TOPIC, f"{source}: say what the page is about"


def test_the_listing_shows_every_tagged_page_under_each_of_its_tags(built_site: Path):
    soup = BeautifulSoup(
        (built_site / page_url(LISTING) / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    listed: dict[str, set[str]] = {}
    for heading in soup.select("h2[id^='tag:']"):
        items = heading.find_next_sibling("ul")
        for link in items.select("a[href]"):
            href = link["href"].split("#")[0]
            target = posixpath.normpath(posixpath.join(page_url(LISTING), href)) + "/"
            listed.setdefault(target, set()).add(heading.get_text(strip=True).rstrip("¶"))
    expected = {page_url(s): set(front_matter_tags(s)) for s in TAGGED}
    assert listed == expected


def test_a_page_shows_its_tags_as_links_to_the_listing(built_site: Path):
    html = (built_site / "people" / "raci" / "index.html").read_text(encoding="utf-8")
    links = BeautifulSoup(html, "html.parser").select("nav.md-tags a.md-tag")
    assert {a.get_text(strip=True) for a in links} == set(front_matter_tags("people/raci.md"))
    assert all(a["href"].startswith("../../getting-started/tags/#tag:") for a in links)


def test_planted_unknown_tag_fails_the_build(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("---\ntags:\n  - Leadrship\n---\n# Page\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: planted\nstrict: true\ntheme:\n  name: material\n"
        "plugins:\n  - tags:\n      tags_allowed: [Leadership]\n"
    )
    done = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert done.returncode != 0
    assert "Tags not in allow list: Leadrship" in done.stdout + done.stderr
