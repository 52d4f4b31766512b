"""The pages of the site's navigation, read from mkdocs.yml."""

from __future__ import annotations

from accelerator.site_build.mkdocs_config import ROOT, mkdocs_config

__all__ = ["ROOT", "mkdocs_config", "nav_sources", "page_url"]


def _walk(items: list) -> list[str]:
    sources = []
    for item in items:
        if isinstance(item, str):
            sources.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                sources.extend(_walk(value) if isinstance(value, list) else [value])
    return sources


def nav_sources() -> list[str]:
    """Source paths (relative to docs/) of every page in the navigation, in order."""
    return _walk(mkdocs_config()["nav"])


def page_url(source: str) -> str:
    """The URL path (relative to the site root) MkDocs gives a source file."""
    stem = source.rsplit(".", 1)[0]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"
