"""Which installed distribution provides an importable module, by its name on PyPI."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from importlib.metadata import PackageNotFoundError, distribution, packages_distributions


def module_distribution(module: str) -> str | None:
    """The installed distribution that provides a module.

    Args:
        module: A module's dotted name (``lightgbm.sklearn``); its top-level package is
            looked up.

    Returns:
        The distribution's name (``lightgbm``, ``PyYAML`` for ``yaml``), or ``None`` when no
        installed distribution provides it (a module on ``sys.path`` only).
    """
    top = module.partition(".")[0]
    try:  # most libraries are installed under their module's name: one file list to read
        named = distribution(top)
        if any(file.parts[0] in (top, f"{top}.py") for file in named.files or ()):
            return str(named.metadata["Name"])
    except PackageNotFoundError:
        pass
    found = _providers().get(top, [])  # any other name: scan them all
    return found[0] if found else None


@functools.cache
def _providers() -> Mapping[str, list[str]]:
    """The distributions providing each top-level module, by its name.

    One scan of every installed distribution (about 0.5 s) per process: a check of many
    modules (``sklearn``, ``yaml``, ...) repeated it for each.
    """
    return packages_distributions()


def canonical_name(name: str) -> str:
    """A distribution name as package indexes compare them (PEP 503).

    Args:
        name: ``PyYAML``, ``scikit_learn``, ...

    Returns:
        Lower case, each run of ``-``, ``_`` and ``.`` one ``-``.
    """
    return re.sub(r"[-_.]+", "-", name).lower()
