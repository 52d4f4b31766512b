"""Colour contrast checked on one element per look finds every colour the full check finds.

Three low-contrast colours are planted on a real page (two kinds of highlighted code token and
an admonition's title, in the light and the dark scheme); axe-core's colour-contrast rule then
runs on every element and on the marked samples only (tests/browser/contrast.py). Both must
fail exactly the elements of the three colours: the comparison is of the failing elements'
computed colours, which do not depend on how the samples were chosen.
"""

from __future__ import annotations

import pytest

from tests.browser.contrast import CONTRAST_ONLY, PER_LOOK, SAMPLE, mark_samples, scan

pytestmark = pytest.mark.browser
PAGE = "technology/registry-and-promotion-gate/"  # highlighted code and an admonition
# Three colours, so three looks: keywords, strings and the admonition's title.
PLANTED = {
    "light": ".highlight .kn { color: #d8d8d8 !important } "
    ".highlight .s2 { color: #dadada !important } .admonition-title { color: #dcdcdc !important }",
    "dark": ".highlight .kn { color: #303040 !important } "
    ".highlight .s2 { color: #323242 !important } .admonition-title { color: #343444 !important }",
}
PLANTED_COLOURS = {
    "light": {"rgb(216, 216, 216)", "rgb(218, 218, 218)", "rgb(220, 220, 220)"},
    "dark": {"rgb(48, 48, 64)", "rgb(50, 50, 66)", "rgb(52, 52, 68)"},
}


def contrast_check(page, *, sampled: bool) -> tuple[set[str], int]:
    """Run axe-core's colour-contrast rule as :func:`scan` does, on the samples or on all.

    Returns:
        The colours of the elements that fail it, and how many elements it looked at.
    """
    result = scan(page, CONTRAST_ONLY, sampled=sampled)
    targets = [node["target"][0] for rule in result["violations"] for node in rule["nodes"]]
    looked_at = sum(
        len(rule["nodes"])
        for kind in ("passes", "violations", "incomplete")
        for rule in result[kind]
    )
    colours = page.evaluate(
        "(targets) => targets.map((t) => getComputedStyle(document.querySelector(t)).color)",
        targets,
    )
    return set(colours), looked_at


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_sampled_check_finds_every_planted_look(browser, site_url, scheme) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + PAGE, wait_until="networkidle")
    page.add_style_tag(content=PLANTED[scheme])
    counts = mark_samples(page)
    marked = page.locator(f"[{SAMPLE}]").count()
    full, all_looked_at = contrast_check(page, sampled=False)
    sampled, samples_looked_at = contrast_check(page, sampled=True)
    context.close()
    assert full == PLANTED_COLOURS[scheme]
    assert sampled == full
    assert 0 < samples_looked_at <= marked < all_looked_at  # the samples and nothing else
    assert counts["looks"] * PER_LOOK * 4 < counts["texts"]  # the point of it: far fewer elements
