"""The built site in Chromium: every page loads cleanly, privately and accessibly; features work."""

from __future__ import annotations

import re
import textwrap
from urllib.parse import urlsplit

import pytest

from tests.browser.contrast import mark_samples, scan
from tests.browser.site_pages import ROOT, nav_sources, page_url
from tests.docs.chain import parse_sections

pytestmark = pytest.mark.browser
NAV_URLS = [page_url(source) for source in nav_sources()]
BLOCKING_IMPACTS = {"serious", "critical"}


def axe_violations(page) -> list[str]:
    """Serious and critical axe-core violations on the current page, one line each.

    Every rule runs on every element, except colour contrast, which runs on the first shown
    elements of each look (:mod:`tests.browser.contrast`).

    Args:
        page: The page, loaded.
    """
    mark_samples(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in scan(page)["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]


def foreign_requests(page, site_url: str) -> list[str]:
    origin = urlsplit(site_url).netloc
    return [
        url
        for url in page.requests
        if urlsplit(url).scheme in {"http", "https"} and urlsplit(url).netloc != origin
    ]


def broken_images(page) -> list[str]:
    return page.eval_on_selector_all(
        "img", "imgs => imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
    )


def load_all_diagrams(page) -> None:
    """Load every diagram image (they are lazy) and check each shows only its scheme's image."""
    page.wait_for_load_state("load")
    assert page.locator("pre.mermaid-diagram").count() == 0, "a diagram was not pre-rendered"
    dark = page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    images = "figure.diagram img"
    page.eval_on_selector_all(images, "imgs => imgs.forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function(f"[...document.querySelectorAll('{images}')].every(i => i.complete)")
    shown = page.eval_on_selector_all(
        "figure.diagram",
        """figures => figures.map(f => [...f.querySelectorAll('img')]
            .filter(i => getComputedStyle(i).display !== 'none').map(i => i.className))""",
    )
    assert shown == [["diagram__dark" if dark else "diagram__light"]] * len(shown)


def test_the_scan_reports_a_planted_violation_of_a_rule_other_than_contrast(page):
    page.set_content(
        '<html lang="en"><head><title>t</title></head><body><main><h1>Title</h1>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>'
    )
    assert [line.split(":")[0] for line in axe_violations(page)] == ["image-alt (critical)"]


def test_the_shared_tab_records_what_each_page_does(tab, site_url):
    """The page checks share one tab: it records what the page it loads does, cached or not."""
    tab.goto(site_url, wait_until="load")
    tab.evaluate("console.error('planted error')")
    assert tab.console_errors == ["planted error"]
    tab.requests.clear()
    tab.goto(site_url + "process/branching/", wait_until="load")
    assert [url for url in tab.requests if url.endswith(".css")], "cached stylesheets not recorded"


def test_navigation_is_read_from_mkdocs_yml():
    assert "" in NAV_URLS
    assert "process/branching/" in NAV_URLS


@pytest.mark.parametrize("path", NAV_URLS, ids=lambda p: p or "home")
def test_page_is_clean(tab, site_url, path):
    response = tab.goto(site_url + path, wait_until="load")
    assert response is not None
    assert response.status == 200
    assert tab.locator("h1").first.is_visible()
    load_all_diagrams(tab)
    assert broken_images(tab) == []
    violations = axe_violations(tab)
    # The network's 500 quiet milliseconds pass during the scans instead of before them.
    tab.wait_for_load_state("networkidle")
    assert tab.console_errors == []
    assert foreign_requests(tab, site_url) == []
    assert [url for url in tab.requests if "mermaid" in url] == []
    assert violations == []


META_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')


def test_meta_description_is_specific_to_each_page(built_site):
    """Read from the built HTML, the bytes a search engine gets (no script writes the tag)."""
    seen = {}
    for path in NAV_URLS:
        found = META_DESCRIPTION.findall((built_site / path / "index.html").read_text())
        assert len(found) == 1 and found[0], f"{path or 'home'} has no meta description"
        seen.setdefault(found[0], []).append(path)
    shared = {d: p for d, p in seen.items() if len(p) > 1}
    assert shared == {}


# What can look different in the dark scheme: each kind of element pages are built from.
DARK_COMPONENTS = {
    "diagram": 'class="diagram"',
    "table": "<table>",
    "admonition": 'class="admonition',
    "code": 'class="language-',
    "annotated code": "(1)!</span>",
    "tabs": 'class="tabbed-set',
    "tags": 'class="md-tags"',
    "notebook": "jupyter-wrapper",
    "form": 'id="maturity-form"',
    "api reference": 'class="doc doc-heading"',
    "tag listing": 'id="tag:',
}


def dark_scheme_pages(built_site) -> dict[str, str]:
    """The first page (in navigation order) that shows each kind of element."""
    html = {path: (built_site / path / "index.html").read_text() for path in NAV_URLS}
    return {
        kind: next((path for path in NAV_URLS if marker in html[path]), None)
        for kind, marker in DARK_COMPONENTS.items()
    }


API_PAGE = "reference-implementation/api/"


def test_dark_scheme_is_accessible_too(browser, site_url, built_site):
    """One page for each kind of element, in the dark scheme."""
    pages = dark_scheme_pages(built_site)
    assert [kind for kind, path in pages.items() if path is None] == []
    assert pages["api reference"] == API_PAGE
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    problems = {}
    for path in sorted(set(pages.values())):
        page.goto(site_url + path, wait_until="load")  # diagrams: load_all_diagrams waits
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        load_all_diagrams(page)
        if found := axe_violations(page):
            problems[path] = found
    context.close()
    assert problems == {}


def test_theme_toggle_switches_between_light_and_dark(page, site_url):
    page.goto(site_url, wait_until="load")
    body = page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"document.body.dataset.mdColorScheme !== '{before}'")
    after = body.get_attribute("data-md-color-scheme")
    assert {before, after} == {"default", "slate"}


def test_search_for_branching_shows_a_result(page, site_url):
    page.goto(site_url, wait_until="load")
    page.keyboard.press("/")
    search = page.locator("input.md-search__input")
    search.fill("branching")  # whole: typed key by key, the first results were a prefix's
    search.press("End")
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


def test_copy_button_copies_the_code(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    page.goto(site_url + "technology/configuration/", wait_until="load")
    block = page.locator("div.highlight").first
    block.hover()
    block.locator('button[data-md-type="copy"]').click()
    # The copy is asynchronous: wait until the clipboard holds something.
    copied = page.wait_for_function(
        "navigator.clipboard.readText().then(text => text.length > 0 ? text : null)"
    ).json_value()
    # The first block on the page embeds this section; the clipboard must hold its exact code.
    sections, _ = parse_sections(ROOT / "reference_impl" / "config" / "loader.py")
    expected = textwrap.dedent("\n".join(sections["load-config"].body))
    assert copied.rstrip() == expected.rstrip()
    context.close()


def test_custom_404_page_offers_a_way_back(page, site_url):
    response = page.goto(site_url + "no-such-page/", wait_until="networkidle")
    assert response.status == 404
    assert page.locator("h1").first.inner_text() == "Page not found"
    links = page.locator("article ul a")
    assert links.count() >= 7
    # The only error is the browser reporting the 404 status of the address itself.
    assert page.console_errors == [
        "Failed to load resource: the server responded with a status of 404 (Not Found)"
    ]
    assert axe_violations(page) == []
    links.filter(has_text="Process").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/process/")


def test_a_diagram_without_a_rendering_is_drawn_in_the_browser_while_drafting(page, site_url):
    """Under ``serve`` a new diagram has no stored rendering yet, so diagrams.js draws it."""
    url = site_url + "process/branching/"
    draft = (
        '<pre class="mermaid-diagram"><code>flowchart LR\n  accTitle: Draft\n'
        "  A[Drafted] --&gt; B[Drawn in the browser]</code></pre>"
    )

    def as_served_while_drafting(route) -> None:
        html = route.fetch().text()
        html = re.sub(r'<figure class="diagram".*?</figure>', draft, html, count=1, flags=re.S)
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

    page.route(url, as_served_while_drafting)
    page.goto(url, wait_until="load")
    page.locator("pre.mermaid-diagram").scroll_into_view_if_needed()
    page.wait_for_selector(".mermaid-figure svg")
    assert "Drawn in the browser" in page.locator(".mermaid-figure svg").text_content()
    assert [u for u in page.requests if u.endswith("/vendor/mermaid/mermaid.min.js")]
    assert foreign_requests(page, site_url) == []
    assert page.console_errors == []


def test_code_annotations_open_on_click(page, site_url):
    page.goto(site_url + "technology/configuration/", wait_until="load")
    markers = page.locator(".md-annotation__index")
    assert markers.count() == 2
    markers.first.click()
    tip = page.locator(".md-annotation .md-tooltip__inner").first
    tip.wait_for(state="visible")
    assert "fixed list" in tip.text_content()
    # a11y.js names the markers (Material leaves them without an accessible name).
    assert markers.evaluate_all("links => links.map(a => a.getAttribute('aria-label'))") == [
        "Annotation 1",
        "Annotation 2",
    ]
    assert page.console_errors == []
