"""The built site in Debian Chromium: pages load cleanly, search works, code can be copied."""

from __future__ import annotations

import pytest

from tests.browser.site_pages import nav_sources, page_url

pytestmark = pytest.mark.browser
NAV_URLS = [page_url(source) for source in nav_sources()]


def test_navigation_is_read_from_mkdocs_yml():
    assert "" in NAV_URLS
    assert "process/branching/" in NAV_URLS


@pytest.mark.parametrize("path", NAV_URLS, ids=lambda p: p or "home")
def test_page_answers_200_without_console_errors(page, site_url, path):
    response = page.goto(site_url + path, wait_until="load")
    assert response is not None
    assert response.status == 200
    assert page.locator("h1").first.is_visible()
    assert page.console_errors == []


def test_search_for_branching_shows_a_result(page, site_url):
    page.goto(site_url, wait_until="load")
    page.keyboard.press("/")
    search = page.locator("input.md-search__input")
    search.press_sequentially("branching", delay=30)
    first = page.locator(".md-search-result__item").first
    first.wait_for(state="visible", timeout=10_000)
    assert "branching" in first.inner_text().lower()
    assert page.console_errors == []


def test_code_blocks_have_a_copy_button(page, site_url):
    page.goto(site_url + "technology/configuration/", wait_until="load")
    blocks = page.locator("div.highlight pre")
    assert blocks.count() >= 3
    buttons = page.locator('div.highlight pre button[data-md-type="copy"]')
    buttons.first.wait_for(state="attached", timeout=10_000)
    assert buttons.count() == blocks.count()
