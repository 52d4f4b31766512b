"""A small MkDocs site that renders one package with mkdocstrings, for the hooks' tests."""

from __future__ import annotations

from pathlib import Path


def write_config(root: Path, hooks: list[Path], options: str) -> Path:
    """Write ``root/mkdocs.yml``: Material, ``hooks``, and the Python handler over ``root``.

    Args:
        root: The site's folder (its ``docs/`` and the documented package are the caller's).
        hooks: Hook files the site lists.
        options: The Python handler's ``options``, as a YAML flow mapping.

    Returns:
        The config file.
    """
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: t\ntheme: {name: material}\n"
        f"hooks: [{', '.join(str(hook) for hook in hooks)}]\n"
        "plugins:\n  - mkdocstrings:\n      handlers:\n        python:\n"
        f"          paths: [.]\n          options: {options}\n"
    )
    return config
