"""Diagrams ship as pre-rendered SVG images (light and dark), current with their source.

``pytest tests/docs/test_diagrams.py --update-examples`` draws every diagram that has no stored
rendering (mermaid in Chromium) and deletes renderings no page shows any more.
"""

from __future__ import annotations

import logging
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import BuildResult, mkdocs_build
from tests.docs import chain, diagram_renderer

HOOK = chain.load_hook("diagrams")
STORED = sorted(diagram_renderer.RENDERED_DIR.glob("*.svg"))
SVG_NS = "{http://www.w3.org/2000/svg}"
SAMPLE = """\
flowchart LR
  accTitle: Sample flow
  accDescr: A goes to B when the gate passes
  A[Validate data] -->|gate passes| B[Register model]
"""


def test_the_site_shows_every_diagram_as_stored_images(site_build: BuildResult, request):
    site_dir = site_build.site_dir
    pages = list(site_dir.rglob("index.html"))
    assert len(pages) > 20, f"the site build produced no pages:\n{site_build.output[-3000:]}"
    if request.config.getoption("update_examples"):
        diagrams = chain.site_diagrams(site_dir)
        drawn = diagram_renderer.render(request.getfixturevalue("browser"), diagrams.unrendered)
        diagram_renderer.write(drawn)
        keep = set(diagrams.shown) | set(drawn)
        for key in set(chain.stored_renderings(diagram_renderer.RENDERED_DIR)) - keep:
            for path in diagram_renderer.RENDERED_DIR.glob(f"{key}-*.svg"):
                path.unlink()
        pytest.skip(f"drew {len(drawn)} diagram(s); build the site again to publish them")
    problems = chain.diagram_problems(site_dir, diagram_renderer.RENDERED_DIR)
    assert problems == [], f"run: {HOOK.UPDATE_COMMAND}"
    assert chain.site_diagrams(site_dir).shown


@pytest.mark.parametrize("path", STORED, ids=lambda p: p.name)
def test_each_stored_rendering_is_a_sized_self_contained_svg(path: Path):
    text = path.read_text()
    root = ET.fromstring(text)
    assert root.tag == f"{SVG_NS}svg"
    width, height = HOOK.svg_size(text)
    *_, box_width, box_height = (float(v) for v in root.get("viewBox").split())
    assert (width, height) == (int(box_width + 0.999), int(box_height + 0.999))
    assert root.find(f"{SVG_NS}title") is not None, "no accTitle was drawn into the image"
    tags = {element.tag.removeprefix(SVG_NS) for element in root.iter()}
    # An <img> runs no script and fetches nothing, so neither may the file rely on them.
    assert not tags & {"script", "foreignObject", "image"}
    assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in text and "@import" not in text


def test_the_renderer_draws_plain_svg_text_in_both_schemes(browser):
    drawn = diagram_renderer.render(browser, [SAMPLE])
    assert list(drawn) == [HOOK.diagram_key(SAMPLE)]
    light, dark = drawn[HOOK.diagram_key(SAMPLE)]["light"], drawn[HOOK.diagram_key(SAMPLE)]["dark"]
    for svg in (light, dark):
        root = ET.fromstring(svg)
        words = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG_NS}text"))
        assert "Validate data" in words and "gate passes" in words
        assert root.find(f"{SVG_NS}title").text == "Sample flow"
        assert "foreignObject" not in svg
        assert HOOK.svg_size(svg)[0] > 100
    assert "#2e3140" in dark and "#2e3140" not in light


def test_fixed_size_comes_from_the_view_box():
    svg = '<svg id="d" width="100%" style="max-width: 10.2px;" viewBox="0 0 10.2 5"><g/></svg>'
    assert diagram_renderer.with_fixed_size(svg) == (
        '<svg width="11" height="5" id="d" viewBox="0 0 10.2 5"><g/></svg>'
    )
    with pytest.raises(ValueError, match="viewBox"):
        diagram_renderer.with_fixed_size('<svg width="100%"><g/></svg>')


# --------------------------------------------------------------------------- the hook


def block(source: str) -> str:
    escaped = source.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<p>before</p>\n<pre class="mermaid-diagram"><code>{escaped}</code></pre>\n<p>after</p>'


def store(folder: Path, source: str, schemes=("light", "dark")) -> str:
    key = HOOK.diagram_key(source)
    folder.mkdir(parents=True, exist_ok=True)
    for scheme in schemes:
        (folder / f"{key}-{scheme}.svg").write_text(
            f'<svg width="{len(scheme) * 100}" height="50" viewBox="0 0 1 1"/>'
        )
    return key


def test_a_rendered_diagram_becomes_two_sized_lazy_images_with_its_text_alternative(tmp_path):
    key = store(tmp_path, SAMPLE)
    html, problems = HOOK.replace_diagrams(block(SAMPLE), "process/branching/", tmp_path)
    assert problems == []
    assert "mermaid-diagram" not in html and "<p>before</p>" in html and "<p>after</p>" in html
    alt = 'alt="Sample flow: A goes to B when the gate passes"'
    assert html.count(alt) == 2
    assert f'src="../../assets/diagrams/{key}-light.svg" {alt} width="500" height="50"' in html
    assert f'src="../../assets/diagrams/{key}-dark.svg" {alt} width="400" height="50"' in html
    assert html.count('loading="lazy"') == 2


def test_the_key_ignores_indentation_and_surrounding_blank_lines():
    indented = "\n" + textwrap.indent(SAMPLE, "    ") + "\n\n"
    assert HOOK.diagram_key(indented) == HOOK.diagram_key(SAMPLE)
    assert HOOK.diagram_key(SAMPLE.replace("Register", "Archive")) != HOOK.diagram_key(SAMPLE)


@pytest.mark.parametrize("schemes", [(), ("light",)], ids=["none", "dark-missing"])
def test_a_diagram_without_both_renderings_stays_a_block_and_says_how_to_fix(tmp_path, schemes):
    store(tmp_path, SAMPLE, schemes)
    html, problems = HOOK.replace_diagrams(block(SAMPLE), "", tmp_path)
    assert html == block(SAMPLE)
    assert [p.message for p in problems] == [f"has no stored rendering; run: {HOOK.UPDATE_COMMAND}"]


def test_a_diagram_without_acc_title_is_refused(tmp_path):
    untitled = SAMPLE.replace("  accTitle: Sample flow\n", "")
    store(tmp_path, untitled)
    html, problems = HOOK.replace_diagrams(block(untitled), "", tmp_path)
    assert html == block(untitled)
    assert len(problems) == 1 and "accTitle" in problems[0].message


@pytest.mark.parametrize(
    ("source", "alt"),
    [
        ("flowchart LR\n  accTitle: Only a title\n  A-->B\n", "Only a title"),
        ("gantt\n  accTitle: T\n  accDescr {\n    Two\n    lines\n  }\n", "T: Two lines"),
        ('flowchart LR\n  accTitle: Say "no"\n  A-->B\n', 'Say "no"'),
        ("flowchart LR\n  A-->B\n", None),
    ],
    ids=["title", "block-description", "quotes", "none"],
)
def test_text_alternative(source, alt):
    assert HOOK.text_alternative(source) == alt


def test_missing_renderings_only_log_while_serving(tmp_path, caplog):
    page = SimpleNamespace(url="", file=SimpleNamespace(src_uri="index.md"))
    config = {"docs_dir": str(tmp_path)}
    try:
        for command, level in [("serve", logging.INFO), ("build", logging.WARNING)]:
            HOOK.on_startup(command=command, dirty=False)
            caplog.clear()
            with caplog.at_level(logging.INFO, logger="mkdocs.hooks.diagrams"):
                assert HOOK.on_page_content(block(SAMPLE), page=page, config=config) == block(
                    SAMPLE
                )
            assert [r.levelno for r in caplog.records] == [level]
            assert "index.md: diagram" in caplog.records[0].getMessage()
    finally:
        HOOK.on_startup(command="build", dirty=False)


MINI_CONFIG = f"""\
site_name: planted
strict: true
hooks:
  - {chain.DOCS / "hooks" / "diagrams.py"}
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid-diagram
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


def test_planted_unrendered_orphaned_and_half_rendered_diagrams_are_caught(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(f"# Page\n\n```mermaid\n{SAMPLE}```\n")
    (tmp_path / "mkdocs.yml").write_text(MINI_CONFIG)
    rendered = docs / HOOK.DIAGRAM_DIR

    done = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert done.returncode != 0
    assert "index.md: diagram" in done.stderr and "--update-examples" in done.stderr
    assert chain.diagram_problems(tmp_path / "site", rendered) == [
        "index.html: a diagram is not pre-rendered (first line 'flowchart LR')"
    ]

    key = store(rendered, SAMPLE)
    done = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert done.returncode == 0, done.stderr
    assert f'data-diagram="{key}"' in (tmp_path / "site" / "index.html").read_text()
    assert chain.diagram_problems(tmp_path / "site", rendered) == []

    store(rendered, SAMPLE.replace("Register", "Archive"), ("light",))
    orphan = HOOK.diagram_key(SAMPLE.replace("Register", "Archive"))
    assert chain.diagram_problems(tmp_path / "site", rendered) == [
        f"diagrams/{orphan}: has only ['light'], needs light and dark",
        f"diagrams/{orphan}: no page shows this rendering any more",
    ]
