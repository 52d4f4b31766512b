"""Read ``mkdocs.yml`` as data, without importing what its Python tags name."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[3]
CONFIG = ROOT / "mkdocs.yml"


class TolerantLoader(yaml.SafeLoader):
    """SafeLoader that accepts MkDocs' ``!!python/name:`` tags without importing anything."""


TolerantLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/", lambda _loader, _suffix, _node: None
)


def env_value(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    """Resolve MkDocs' ``!ENV VAR`` / ``!ENV [VAR, ..., default]`` as MkDocs does.

    Each variable is tried in turn; the last item is the default when none is set.

    Args:
        loader: The loader reading the file.
        node: The tagged node.

    Returns:
        The first variable that is set, else the default (``None`` without one).
    """
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    items = loader.construct_sequence(node)
    for name in items[:-1]:
        if name in os.environ:
            return os.environ[name]
    return items[-1] if len(items) > 1 else os.environ.get(items[0])


TolerantLoader.add_constructor("!ENV", env_value)


def mkdocs_config(path: Path = CONFIG) -> dict[str, Any]:
    """Return ``mkdocs.yml`` as data (Python tags become ``None``).

    Args:
        path: The configuration file; the site's own by default.

    Returns:
        The parsed configuration.
    """
    return yaml.load(path.read_text(encoding="utf-8"), Loader=TolerantLoader)
