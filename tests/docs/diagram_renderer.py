"""Draw the site's mermaid diagrams into the SVG files the ``diagrams`` hook publishes.

The drawing is done by the same copy of mermaid the site vendors, in Chromium, once per colour
scheme. Labels are plain SVG text (no ``foreignObject``) because the files are shown through
``<img>``, and the font stack is Arial's, whose metrics Liberation Sans (Debian) and Arial
(Windows, macOS) share, so labels fit their boxes on readers' machines too.

Used by ``tests/docs/test_diagrams.py`` under ``--update-examples``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from tests.docs import chain

MERMAID_JS = chain.DOCS / "assets" / "vendor" / "mermaid" / "mermaid.min.js"
RENDERED_DIR = chain.DOCS / chain.load_hook("diagrams").DIAGRAM_DIR
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
THEMES = {
    "light": {"theme": "default", "themeVariables": {}},
    # The dark theme's edge labels are grey on grey; give them a solid, readable background.
    "dark": {"theme": "dark", "themeVariables": {"edgeLabelBackground": "#2e3140"}},
}
DRAW = """async ([source, id, settings, font]) => {
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: "strict",
    htmlLabels: false,
    flowchart: { htmlLabels: false },
    fontFamily: font,
    theme: settings.theme,
    themeVariables: settings.themeVariables,
  });
  const { svg } = await mermaid.render(id, source);
  return svg;
}"""
ROOT_TAG = re.compile(r"<svg\b[^>]*>")
VIEW_BOX = re.compile(r'viewBox="(?P<x>[-\d.]+) (?P<y>[-\d.]+) (?P<w>[\d.]+) (?P<h>[\d.]+)"')


def with_fixed_size(svg: str) -> str:
    """Give the root ``<svg>`` whole-pixel ``width`` and ``height`` taken from its ``viewBox``.

    mermaid emits ``width="100%"`` and a ``max-width`` style, which suits inline SVG; an image
    file needs an intrinsic size so that ``<img>`` reserves its space before it loads.

    Raises:
        ValueError: If the root element has no ``viewBox``.
    """
    root = ROOT_TAG.search(svg)
    box = VIEW_BOX.search(root[0]) if root else None
    if root is None or box is None:
        raise ValueError("mermaid output has no <svg viewBox=...> root element")
    width, height = (int(float(box[name]) + 0.999) for name in ("w", "h"))
    tag = re.sub(r'\s(width|height)="[^"]*"', "", root[0])
    tag = re.sub(r'\sstyle="max-width:[^"]*"', "", tag)
    tag = tag.replace("<svg", f'<svg width="{width}" height="{height}"', 1)
    return svg[: root.start()] + tag + svg[root.end() :]


def render(browser, sources: Iterable[str]) -> dict[str, dict[str, str]]:
    """Draw each source once per colour scheme.

    Args:
        browser: A Playwright ``Browser``.
        sources: Diagram sources (as the hook finds them on the pages).

    Returns:
        ``{key: {"light": svg, "dark": svg}}``.
    """
    hook = chain.load_hook("diagrams")
    page = browser.new_page()
    try:
        page.set_content("<!doctype html><html><head></head><body></body></html>")
        page.add_script_tag(path=str(MERMAID_JS))
        drawn: dict[str, dict[str, str]] = {}
        for source in sources:
            key = hook.diagram_key(source)
            drawn[key] = {
                scheme: with_fixed_size(
                    page.evaluate(DRAW, [hook.normalise(source), f"d{key}", settings, FONT])
                )
                for scheme, settings in THEMES.items()
            }
        return drawn
    finally:
        page.close()


def write(drawn: dict[str, dict[str, str]], rendered_dir: Path = RENDERED_DIR) -> list[Path]:
    """Store renderings as ``<key>-<scheme>.svg`` files and return their paths."""
    rendered_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for key, schemes in drawn.items():
        for scheme, svg in schemes.items():
            path = rendered_dir / f"{key}-{scheme}.svg"
            path.write_text(svg + "\n")
            written.append(path)
    return written
