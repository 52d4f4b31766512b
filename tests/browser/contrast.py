"""Axe-core's colour-contrast rule on one element per look, every other rule on every element.

Colour contrast is nearly all of a scan's time: axe-core works out, for every element with
text, its colour and what lies behind it (a code block holds hundreds of highlighted tokens).
Whether it passes depends only on how the element looks: its colour, size and weight, its
shadow and opacity, and the backgrounds of the elements it sits in. :data:`MARK_SAMPLES` works
out that *look* (:data:`SIGNATURE`) for each shown element with text (axe-core skips hidden
ones anyway), marks the first :data:`PER_LOOK` elements of each look, and axe-core checks the
contrast of the marked ones only. Elements of one look pass or fail together, so the
violations name the same looks, and the scan costs a fraction.

:func:`scan` does it in one axe-core run: the colour-contrast rule's selector is narrowed to
the marked elements (``axe.configure``), every other rule keeps its own. (Two runs, every rule
but contrast on the page and then contrast on the samples, took about twice as long: 2.0 s
against 1.0 s on the training pipeline's page, 12.2 s against 7.7 s on the API reference.)
``tests/browser/test_contrast_sample.py`` plants low-contrast colours and checks that the
sampled scan finds each of them, as the full scan does, and looks at no other element.
"""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

AXE = Axe()
"""The axe-core script the Playwright binding ships (``AXE.axe_script``)."""

SAMPLE = "data-contrast-sample"
"""The attribute on the marked elements."""
PER_LOOK = 2
"""Elements marked per look: a second one in case axe-core cannot decide the first (it calls an
element whose background it cannot work out, e.g. one partly covered, incomplete)."""

SIGNATURE = """
const ownLook = (s) => [s.color, s.fontSize, s.fontWeight, s.textShadow, s.opacity, s.filter,
  s.mixBlendMode, s.webkitTextFillColor, s.visibility].join(';');
const layerLook = (s) => [s.backgroundColor, s.backgroundImage, s.opacity, s.filter,
  s.mixBlendMode, s.backdropFilter].join(';');
const behind = new Map();
const layers = (el) => {
  if (!el || el.nodeType !== 1) return '';
  if (!behind.has(el)) {
    behind.set(el, layers(el.parentElement) + '|' + layerLook(getComputedStyle(el)));
  }
  return behind.get(el);
};
const look = (el) => ownLook(getComputedStyle(el)) + '#' + layers(el);
const hasText = (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim());
const shown = (el) => el.checkVisibility({opacityProperty: true, visibilityProperty: true});
"""
"""JavaScript: ``look(element)``, the signature of how an element with text looks."""

MARK_SAMPLES = f"""() => {{
{SIGNATURE}
  const marked = new Map();
  let texts = 0;
  for (const el of document.body.querySelectorAll('*')) {{
    el.removeAttribute('{SAMPLE}');
    if (!hasText(el) || !shown(el)) continue;
    texts += 1;
    const key = look(el);
    const count = marked.get(key) || 0;
    if (count < {PER_LOOK}) {{ marked.set(key, count + 1); el.setAttribute('{SAMPLE}', ''); }}
  }}
  return {{texts, looks: marked.size}};
}}"""
"""JavaScript: mark the first shown elements of each look; returns how many shown elements
have text and how many looks they have."""

VIOLATIONS = {"resultTypes": ["violations"]}
"""axe-core options: every rule, full details for violations only."""
CONTRAST_ONLY = {"runOnly": ["color-contrast"]}
"""axe-core options: the colour-contrast rule alone, every result type."""
CONTRAST_ON_SAMPLES = (
    f"axe.configure({{rules: [{{id: 'color-contrast', selector: '[{SAMPLE}]'}}]}})"
)
"""JavaScript: narrow the colour-contrast rule to the marked elements (its ``matches`` filter
still applies)."""


def scan(page: Any, options: dict[str, Any] = VIOLATIONS, *, sampled: bool = True) -> dict:
    """Run axe-core once over the whole loaded page.

    Args:
        page: A Playwright page (:func:`mark_samples` has run on it when ``sampled``).
        options: axe-core's run options.
        sampled: Check colour contrast on the marked elements only.

    Returns:
        axe-core's results.
    """
    page.evaluate(AXE.axe_script)
    if sampled:
        page.evaluate(CONTRAST_ON_SAMPLES)
    return page.evaluate("(options) => axe.run(document, options)", options)


def mark_samples(page: Any) -> dict[str, int]:
    """Mark the first shown elements of each look on the loaded page.

    Args:
        page: A Playwright page.

    Returns:
        ``texts`` (shown elements with text) and ``looks`` (how many looks they have).
    """
    return page.evaluate(MARK_SAMPLES)
