"""MkDocs hook: expand ``<!-- api-reference: package -->`` into one mkdocstrings block per module.

The API reference lists every public module of the package (no leading underscore in any
part of its path), grouped by sub-package, so a new module appears on the site without anyone
editing the page. mkdocstrings then renders each ``::: module`` block from the docstrings.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

MARKER = re.compile(
    r"^<!-- api-reference: (?P<package>\w+)(?: exclude=(?P<exclude>[\w,]+))? -->$", re.MULTILINE
)


def public_modules(root: Path, package: str, exclude: frozenset[str] = frozenset()) -> list[str]:
    """Dotted names of the public modules of ``package`` found under ``root``.

    Args:
        root: Folder that contains the package folder.
        package: Package name, e.g. ``reference_impl``.
        exclude: Sub-package names to leave out (for example a folder of templates).

    Returns:
        Sorted module names; ``__init__`` files count as their package.
    """
    names = set()
    for path in (root / package).rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if any(p.startswith("_") for p in parts) or exclude.intersection(parts):
            continue
        names.add(".".join(parts))
    return sorted(names)


def _summary(root: Path, module: str) -> str:
    path = root / Path(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def api_markdown(root: Path, package: str, exclude: frozenset[str] = frozenset()) -> str:
    """The Markdown of the API reference: one section per sub-package, one block per module."""
    groups: dict[str, list[str]] = {}
    for module in public_modules(root, package, exclude):
        parts = module.split(".")
        is_subpackage = len(parts) > 1 and (root / package / parts[1]).is_dir()
        groups.setdefault(parts[1] if is_subpackage else "", []).append(module)
    lines = []
    for group in sorted(groups, key=lambda g: (g != "", g)):
        title = f"`{package}.{group}`" if group else f"`{package}` (top-level modules)"
        lines += [f"## {title}", ""]
        if group:
            lines += [_summary(root, f"{package}.{group}"), ""]
        for module in groups[group]:
            if module == f"{package}.{group}":
                continue
            lines += [f"### ::: {module}", ""]  # the heading's level is the block's, no YAML
    return "\n".join(lines)


def on_page_markdown(markdown: str, page, config, **_kwargs) -> str:
    """MkDocs ``on_page_markdown`` event."""
    root = Path(config["config_file_path"]).parent

    def expand(match: re.Match[str]) -> str:
        exclude = frozenset((match["exclude"] or "").split(",")) - {""}
        return api_markdown(root, match["package"], exclude)

    return MARKER.sub(expand, markdown)
