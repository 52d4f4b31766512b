"""Link 7 of the chain: internal links and anchors of the built HTML (raw HTML links too)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from tests.browser.site_pages import mkdocs_config
from tests.docs import chain


def url_prefix() -> str:
    return urlsplit(mkdocs_config()["site_url"]).path or "/"


def test_built_site_has_no_broken_internal_link(built_site: Path) -> None:
    assert chain.link_problems(built_site, url_prefix()) == []


def write(site: Path, rel: str, body: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<html><body>{body}</body></html>")


def test_planted_clean_site_passes(tmp_path: Path) -> None:
    write(
        tmp_path,
        "index.html",
        '<a href="a/">a</a><a href="a/#top">t</a><a href="https://example.org/x">x</a>',
    )
    write(
        tmp_path,
        "a/index.html",
        '<h1 id="top">A</h1><a href="../">home</a><img src="../img.png" alt="">',
    )
    (tmp_path / "img.png").write_bytes(b"png")
    assert chain.link_problems(tmp_path) == []


def test_planted_broken_link_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "index.html", '<a href="missing/">gone</a>')
    assert chain.link_problems(tmp_path) == ["index.html: a 'missing/' points to a missing file"]


def test_planted_broken_anchor_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "index.html", '<a href="a/#nowhere">x</a>')
    write(tmp_path, "a/index.html", '<h1 id="top">A</h1>')
    assert chain.link_problems(tmp_path) == [
        "index.html: a 'a/#nowhere' points to a missing anchor"
    ]


def test_planted_broken_raw_html_image_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "index.html", '<p><img src="assets/none.png" alt="x"></p>')
    assert chain.link_problems(tmp_path) == [
        "index.html: img 'assets/none.png' points to a missing file"
    ]


def test_prefixed_absolute_links_resolve(tmp_path: Path) -> None:
    write(tmp_path, "404.html", '<a href="/docs/a/">a</a><a href="/docs/b/">b</a>')
    write(tmp_path, "a/index.html", "")
    assert chain.link_problems(tmp_path, "/docs/") == [
        "404.html: a '/docs/b/' points to a missing file"
    ]
