"""Every reader question of the guidance is findable with the site search."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import pytest

pytestmark = pytest.mark.browser

# (what a reader types, the page that answers it)
QUESTIONS = [
    ("centralised or federated", "people/operating-models/"),
    ("recruit or upskill", "people/skilling-and-recruiting/"),
    ("create a new project", "process/starting-a-project/"),
    ("branching strategy", "process/branching/"),
    ("handover platform team", "process/handover/"),
    ("how many workspaces", "technology/workspace-topology/"),
    ("compute selection", "technology/compute-selection/"),
    ("maturity level", "maturity/maturity-model/"),
    ("12 week plan", "getting-started/twelve-week-plan/"),
    ("pages by role", "getting-started/tags/"),
    ("databricks or azure ml", "technology/databricks-or-azure-ml/"),
    ("reading data from the lake", "technology/data-sources/"),
    ("feature store", "technology/feature-store/"),
    ("predictions power bi", "technology/predictions-to-power-bi/"),
    ("synapse fabric", "technology/fabric/"),
    ("migrate from sdk v1", "technology/migrating-from-v1/"),
    ("generative ai agent", "technology/generative-ai/"),
]


def results_for(page, query: str) -> list[str]:
    """Put ``query`` into the open search box and return the result links, best first.

    The question goes in whole: typed key by key, Material searched every prefix, and on a
    loaded machine the first results shown could be those of ``reading`` while the reader's
    question was ``reading data from the lake`` (a CI run failed so).
    """
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # a key as a reader's last one: Material searches on the key's release too
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for(state="visible", timeout=10_000)
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    return [urlunsplit(urlsplit(href)._replace(query="", fragment="")) for href in hrefs]


def search(page, site_url: str, query: str) -> list[str]:
    """Open the home page, type ``query`` into Material's search and return the result links."""
    page.goto(site_url, wait_until="load")
    page.keyboard.press("/")
    return results_for(page, query)


@pytest.fixture(scope="module")
def search_box(browser, site_url):
    """The home page with its search open, shared by the reader questions.

    The browser builds the search index once per page load (about a second of CPU for this
    site), so the questions are typed one after another into one page, as a reader would.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url, wait_until="load")
    page.keyboard.press("/")
    yield page
    context.close()


@pytest.mark.parametrize(("query", "expected"), QUESTIONS, ids=[q for q, _ in QUESTIONS])
def test_reader_question_is_found(search_box, site_url, query, expected):
    search_box.locator("input.md-search__input").fill("")
    # The previous question's results are gone before this one is typed.
    search_box.locator(".md-search-result__item").first.wait_for(state="detached")
    hrefs = results_for(search_box, query)
    assert site_url + expected in hrefs[:5], hrefs[:5]


def test_nonsense_finds_nothing(page, site_url):
    page.goto(site_url, wait_until="load")
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.fill("qwxzv")  # whole: typed key by key, the prefix "q" could still show its results
    box.press("End")
    meta = page.locator(".md-search-result__meta")
    # the search has answered (before it does, the meta line asks the reader to type)
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.includes('No matching')"
    )
    assert meta.text_content() == "No matching documents"
    assert page.locator(".md-search-result__item").count() == 0


def test_following_a_result_highlights_the_words_on_the_page(page, site_url):
    search(page, site_url, "upskill")
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_url("**/people/skilling-and-recruiting/**")
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for(state="visible")
    assert {m.lower() for m in marks.all_text_contents()} == {"upskill"}


def test_search_suggests_the_end_of_the_last_word(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("platform engi", delay=50)
    page.wait_for_function(
        "document.querySelector('.md-search__suggest').textContent === 'platform engineer'"
    )
    assert page.locator(".md-search__suggest").text_content() == "platform engineer"
