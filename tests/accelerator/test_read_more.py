"""The curated "Read more" links: their form, their coverage of the guidance, and the hook."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from pydantic import ValidationError

from accelerator.guidance.read_more import (
    HEADING,
    MAX_LINKS,
    MIN_LINKS,
    ReadMore,
    links_for,
    read_more_data,
    read_more_section,
    url_problem,
)
from tests.browser.site_pages import nav_sources
from tests.docs.word_counts import is_guidance

ROOT = Path(__file__).resolve().parents[2]
# Notebooks are rendered by mkdocs-jupyter, which does not pass through the Markdown hook.
GUIDANCE = [s for s in nav_sources() if is_guidance(s) and s.endswith(".md")]


def hook():
    spec = importlib.util.spec_from_file_location(
        "guidance_tables", ROOT / "docs" / "hooks" / "guidance_tables.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def link(url: str, title: str = "A page") -> dict:
    return {"title": title, "url": url, "why": "because it goes deeper on this topic."}


def test_every_guidance_page_has_links_and_no_unknown_page_has_any():
    pages = set(read_more_data().pages)
    assert sorted(set(GUIDANCE) - pages) == [], "guidance pages without Read more links"
    assert sorted(pages - set(nav_sources())) == [], "links for pages that are not in the nav"


@pytest.mark.parametrize("page", sorted(read_more_data().pages))
def test_each_page_has_3_to_8_distinct_allowed_links(page):
    links = links_for(page)
    assert MIN_LINKS <= len(links) <= MAX_LINKS
    assert len({x.url.rstrip("/") for x in links}) == len(links)
    for x in links:
        assert url_problem(x.url) is None
        assert x.url.startswith("https://")
        assert "\n" not in x.why


def test_the_data_says_when_it_was_checked():
    assert read_more_data().checked_on.year >= 2026


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://learn.microsoft.com/azure/machine-learning/", "not https"),
        ("https://example.com/azure/", "not on a Microsoft documentation host"),
        ("https://github.com/someone/azureml-examples", "outside the Azure organisation"),
        ("https://learn.microsoft.com/en-us/azure/machine-learning/", "names a locale"),
    ],
)
def test_bad_links_are_refused_with_a_reason(url, problem):
    assert problem in url_problem(url)
    with pytest.raises(ValidationError, match=problem):
        ReadMore.model_validate(
            {
                "checked_on": "2026-12-01",
                "pages": {
                    "x.md": [
                        link(url),
                        link("https://learn.microsoft.com/a"),
                        link("https://learn.microsoft.com/b"),
                    ]
                },
            }
        )


def test_allowed_hosts_pass():
    assert url_problem("https://learn.microsoft.com/azure/machine-learning/concept-data") is None
    assert url_problem("https://github.com/Azure/azureml-examples") is None
    assert url_problem("https://azure.microsoft.com/pricing/details/machine-learning/") is None


def test_too_few_too_many_and_duplicate_links_are_refused():
    urls = [f"https://learn.microsoft.com/p{i}" for i in range(9)]
    for links, message in [
        ([link(u) for u in urls[:2]], "has 2 links"),
        ([link(u) for u in urls], "has 9 links"),
        ([link(urls[0]), link(urls[1]), link(urls[0] + "/")], "appears twice"),
    ]:
        with pytest.raises(ValidationError, match=message):
            ReadMore.model_validate({"checked_on": "2026-12-01", "pages": {"x.md": links}})


def test_section_lists_each_link_with_its_reason():
    page = "technology/compute-selection.md"
    section = read_more_section(page)
    assert section.startswith(HEADING)
    for x in links_for(page):
        assert f"- [{x.title}]({x.url}) — {x.why}" in section
    assert read_more_section("no/such-page.md") == ""


def test_the_hook_appends_the_section_by_page_path():
    module = hook()
    page = "technology/compute-selection.md"
    out = module.append_read_more("# Compute\n\nBody.\n", page)
    assert out.startswith("# Compute\n\nBody.\n\n## Read more")
    assert module.append_read_more("# Other\n", "no/such-page.md") == "# Other\n"


def test_a_page_with_its_own_read_more_heading_fails_the_build():
    module = hook()
    with pytest.raises(module.RenderError, match=r"its links belong in read_more\.yaml"):
        module.append_read_more("# Page\n\n## Read more\n\n- a link\n", "technology/cicd.md")
