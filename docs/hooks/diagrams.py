"""MkDocs hook: show every ``mermaid`` diagram as a pre-rendered SVG, light and dark, no script.

Drawing diagrams in the reader's browser costs about 1 MB of gzipped JavaScript, and on a phone
that alone pulled a page's Lighthouse performance below 0.85. So diagrams are drawn once, by the
project's own copy of mermaid in Chromium, and stored as ``docs/assets/diagrams/<key>-light.svg``
and ``<key>-dark.svg``; ``<key>`` is a hash of the diagram's source, so an edited diagram has no
rendering until someone makes one (``python3 .ci/dev.py test tests/docs/test_diagrams.py
--update-examples``).

What the hook does with each ``<pre class="mermaid-diagram">`` block the Markdown produces:

* both renderings exist: the block becomes a ``<figure>`` with one ``<img>`` per colour scheme
  (CSS shows the one matching the reader's scheme), sized to avoid layout shift, lazily loaded,
  and with the diagram's ``accTitle`` (and ``accDescr``) as its alternative text;
* a rendering is missing: ``mkdocs build`` warns (so the strict build fails and nothing ships
  a diagram that needs JavaScript), while ``mkdocs serve`` only logs it and leaves the block to
  ``diagrams.js``, which draws it in the browser so an author sees a new diagram at once;
* the source has no ``accTitle``: the build warns, because the image would have no text
  alternative.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils import get_relative_url

LOG = logging.getLogger("mkdocs.hooks.diagrams")
DIAGRAM_DIR = "assets/diagrams"
SCHEMES = ("light", "dark")
UPDATE_COMMAND = "python3 .ci/dev.py test tests/docs/test_diagrams.py --update-examples"
BLOCK = re.compile(r'<pre class="mermaid-diagram"><code>(?P<code>.*?)</code></pre>', re.DOTALL)
ACC_TITLE = re.compile(r"^\s*accTitle\s*:\s*(?P<text>.+?)\s*$", re.MULTILINE)
ACC_DESCR = re.compile(
    r"^\s*accDescr\s*(?::\s*(?P<line>.+?)\s*$|\{(?P<block>.*?)\})", re.MULTILINE | re.DOTALL
)
FIGURE = re.compile(r'<figure class="diagram" data-diagram="(?P<key>[0-9a-f]{16})">')
SIZE = re.compile(r'<svg\b[^>]*?\bwidth="(?P<width>\d+)"[^>]*?\bheight="(?P<height>\d+)"')

_state = {"command": "build"}


@dataclass(frozen=True)
class Problem:
    """Something about one diagram that stops it being published as an image.

    Attributes:
        key: The diagram's key (hash of its source).
        message: What is wrong and how to fix it.
    """

    key: str
    message: str


def normalise(source: str) -> str:
    """Return the diagram source as it is hashed: dedented, without surrounding blank lines."""
    return textwrap.dedent(source).strip() + "\n"


def diagram_key(source: str) -> str:
    """Return the 16-hex-digit key that names the renderings of ``source``."""
    return hashlib.sha256(normalise(source).encode()).hexdigest()[:16]


def diagram_sources(page_html: str) -> list[str]:
    """Return the source of every not-yet-replaced diagram block in ``page_html``."""
    return [normalise(html.unescape(match["code"])) for match in BLOCK.finditer(page_html)]


def text_alternative(source: str) -> str | None:
    """Return the alternative text of a diagram: its ``accTitle``, then its ``accDescr``.

    Returns:
        ``None`` when the source has no ``accTitle``.
    """
    title = ACC_TITLE.search(source)
    if title is None:
        return None
    description = ACC_DESCR.search(source)
    if description is None:
        return title["text"]
    text = " ".join((description["line"] or description["block"] or "").split())
    return f"{title['text']}: {text}" if text else title["text"]


def svg_size(svg: str) -> tuple[int, int]:
    """Return the ``width`` and ``height`` attributes of a stored rendering, in pixels.

    Raises:
        ValueError: If the root ``<svg>`` element has no whole-number width and height.
    """
    match = SIZE.search(svg)
    if match is None:
        raise ValueError("rendering has no whole-number width and height on its <svg> element")
    return int(match["width"]), int(match["height"])


def figure_html(key: str, alt: str, sizes: dict[str, tuple[int, int]], page_url: str) -> str:
    """Return the ``<figure>`` that replaces a diagram block on the page at ``page_url``."""
    images = []
    for scheme in SCHEMES:
        src = get_relative_url(f"{DIAGRAM_DIR}/{key}-{scheme}.svg", page_url)
        width, height = sizes[scheme]
        images.append(
            f'<img class="diagram__{scheme}" src="{src}" alt="{html.escape(alt)}" '
            f'width="{width}" height="{height}" loading="lazy" decoding="async">'
        )
    return f'<figure class="diagram" data-diagram="{key}">{"".join(images)}</figure>'


def replace_diagrams(
    page_html: str, page_url: str, rendered_dir: Path
) -> tuple[str, list[Problem]]:
    """Replace each diagram block that has both renderings with its ``<figure>``.

    Args:
        page_html: The page's HTML, as MkDocs passes it to ``on_page_content``.
        page_url: The page's URL relative to the site root (``process/branching/``).
        rendered_dir: Folder holding the stored renderings (``docs/assets/diagrams``).

    Returns:
        The new HTML and one problem per diagram left as a block (no rendering, no title).
    """
    problems: list[Problem] = []

    def replace(match: re.Match[str]) -> str:
        source = normalise(html.unescape(match["code"]))
        key = diagram_key(source)
        alt = text_alternative(source)
        if alt is None:
            problems.append(
                Problem(key, "has no accTitle line, so its image would have no text alternative")
            )
            return match[0]
        files = {scheme: rendered_dir / f"{key}-{scheme}.svg" for scheme in SCHEMES}
        if not all(path.is_file() for path in files.values()):
            problems.append(Problem(key, f"has no stored rendering; run: {UPDATE_COMMAND}"))
            return match[0]
        sizes = {scheme: svg_size(path.read_text()) for scheme, path in files.items()}
        return figure_html(key, alt, sizes, page_url)

    return BLOCK.sub(replace, page_html), problems


def on_startup(command: str, **_kwargs) -> None:
    """MkDocs ``on_startup`` event: remember whether this is ``build`` or ``serve``."""
    _state["command"] = command


def on_page_content(page_html: str, page, config, **_kwargs) -> str:
    """MkDocs ``on_page_content`` event."""
    new_html, problems = replace_diagrams(
        page_html, page.url, Path(config["docs_dir"]) / DIAGRAM_DIR
    )
    report = LOG.info if _state["command"] == "serve" else LOG.warning
    for problem in problems:
        report("%s: diagram %s %s", page.file.src_uri, problem.key, problem.message)
    return new_html
