"""The pages of the site's navigation, read from mkdocs.yml."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


class _TolerantLoader(yaml.SafeLoader):
    """SafeLoader that accepts MkDocs' ``!!python/name:`` tags without importing anything."""


_TolerantLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/", lambda _loader, _suffix, _node: None
)


def env_value(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    """Resolve MkDocs' ``!ENV VAR`` / ``!ENV [VAR, ..., default]`` as MkDocs does.

    Each variable is tried in turn; the last item is the default when none is set.
    """
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    items = loader.construct_sequence(node)
    for name in items[:-1]:
        if name in os.environ:
            return os.environ[name]
    return items[-1] if len(items) > 1 else os.environ.get(items[0])


_TolerantLoader.add_constructor("!ENV", env_value)


def mkdocs_config() -> dict:
    """Return mkdocs.yml as data (Python tags become ``None``)."""
    return yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_TolerantLoader)


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
