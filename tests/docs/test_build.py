"""Link 1 of the chain: the real site builds strictly, and a broken include fails the build."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.browser.site_pages import mkdocs_config, nav_sources, page_url
from tests.conftest import BuildResult, mkdocs_build

MINI_CONFIG = """\
site_name: planted
strict: true
markdown_extensions:
  - pymdownx.superfences
  - pymdownx.snippets:
      base_path: ["."]
      check_paths: true
      dedent_subsections: true
"""

SOURCE = """\
def f():
    # --8<-- [start:body]
    return included_body
    # --8<-- [end:body]
"""


def make_project(tmp_path: Path, page: str, source: str = SOURCE, extra: str = "") -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(textwrap.dedent(page))
    (tmp_path / "src.py").write_text(source)
    config = tmp_path / "mkdocs.yml"
    config.write_text(MINI_CONFIG + extra)
    return config


def include(target: str) -> str:
    return f'# Page\n\n```python\n--8<-- "{target}"\n```\n'


def test_real_site_builds_strict_with_zero_warnings(site_build: BuildResult) -> None:
    assert site_build.returncode == 0, site_build.output[-4000:]
    assert "WARNING" not in site_build.output, site_build.output


def test_every_nav_page_was_rendered(built_site: Path) -> None:
    for part in [
        "getting-started",
        "people",
        "process",
        "technology",
        "maturity",
        "reference-implementation",
        "contributing",
    ]:
        assert (built_site / part / "index.html").is_file(), part


def test_mini_project_with_a_good_include_builds(tmp_path: Path) -> None:
    done = mkdocs_build(make_project(tmp_path, include("src.py:body")), tmp_path / "site")
    assert done.returncode == 0, done.stderr
    assert "included_body" in (tmp_path / "site" / "index.html").read_text()


@pytest.mark.parametrize(
    "target", ["src.py:missing", "nowhere.py:body"], ids=["missing-section", "missing-file"]
)
def test_planted_missing_include_fails_the_build(tmp_path: Path, target: str) -> None:
    done = mkdocs_build(make_project(tmp_path, include(target)), tmp_path / "site")
    assert done.returncode != 0
    assert "SnippetMissingError" in done.stderr


def test_planted_unknown_render_marker_fails_the_build(tmp_path: Path) -> None:
    hook = Path(__file__).resolve().parents[2] / "docs" / "hooks" / "guidance_tables.py"
    page = "# Page\n\n<!-- render: accelerator.guidance.roles:no_such_table -->\n"
    config = make_project(tmp_path, page, extra=f"hooks:\n  - {hook}\n")
    done = mkdocs_build(config, tmp_path / "site")
    assert done.returncode != 0
    assert "no_such_table" in done.stderr


def test_every_page_defers_its_scripts(built_site: Path) -> None:
    """A script that blocks parsing delays the first paint on phones (docs/overrides/main.html)."""
    blocking = {}
    for html in sorted(built_site.rglob("*.html")):
        # mkdocs-jupyter writes an empty MathJax <script src="">, which fetches nothing.
        tags = re.findall(r'<script\b[^>]*\bsrc="[^"]+"[^>]*>', html.read_text(encoding="utf-8"))
        assert tags or html.name != "index.html" or "assets" in html.parts, html
        if found := [tag for tag in tags if not re.search(r"\s(defer|async)\b", tag)]:
            blocking[html.relative_to(built_site).as_posix()] = found
    assert blocking == {}


@pytest.mark.parametrize("source", nav_sources())
def test_link_previews_carry_the_page_title_description_and_address(built_site: Path, source):
    """Open Graph tags (docs/overrides/main.html) match what the page says about itself."""
    soup = BeautifulSoup((built_site / page_url(source) / "index.html").read_text(), "html.parser")

    def meta(attribute: str, name: str) -> str | None:
        tag = soup.find("meta", attrs={attribute: name})
        return tag["content"] if tag else None

    assert meta("property", "og:description") == meta("name", "description")
    assert meta("property", "og:url") == soup.find("link", rel="canonical")["href"]
    assert meta("property", "og:url").startswith(mkdocs_config()["site_url"])
    title = meta("property", "og:title")
    assert title and title.endswith("Azure ML-Ops Accelerator")
    assert soup.title.get_text().startswith(title.removesuffix("Azure ML-Ops Accelerator"))


def test_the_sitemap_lists_every_page_of_the_navigation_at_its_published_address(built_site):
    site_url = mkdocs_config()["site_url"]
    listed = re.findall(r"<loc>([^<]+)</loc>", (built_site / "sitemap.xml").read_text())
    assert sorted(site_url + page_url(s) for s in nav_sources()) == sorted(
        loc for loc in listed if not loc.endswith("/404.html")
    )
