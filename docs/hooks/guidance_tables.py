"""MkDocs hook: replace ``<!-- render: module:function -->`` lines with generated Markdown.

Decision tables (roles, RACI, compute catalogue, ...) live as data in
``accelerator.guidance`` and are rendered by plain functions that return Markdown. A page asks
for one with a line such as::

    <!-- render: accelerator.guidance.roles:roles_table -->

Only modules of the accelerator's tooling (``accelerator.``) may be named, the function takes no
argument and must return a string; anything else fails the build, so a renamed function cannot
leave a page empty.

Every page that has curated links in ``accelerator/guidance/data/read_more.yaml`` also gets its
"Read more" section appended here, by page path — no marker needed. A page that writes its own
"## Read more" heading fails the build, so the links are kept in one place only.

During a build, each marker's Markdown is kept by :mod:`accelerator.site_build.repository_cache`
under ``.cache/guidance-tables/``, keyed by the marker and by a fingerprint of the repository's
files (name, size and modification time of each, the pages' prose excepted, whose names alone
count): a build after a prose edit imports and runs none of the render functions.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from accelerator.site_build import repository_cache

RENDER = re.compile(r"^<!-- render: (?P<module>[\w.]+):(?P<func>\w+) -->$", re.MULTILINE)


class RenderError(RuntimeError):
    """A render marker names something that does not exist or returns no Markdown."""


def call_renderer(module_name: str, func_name: str, where: str) -> str:
    """Import ``module_name`` and return what its ``func_name()`` returns.

    Args:
        module_name: Dotted module path; must start with ``accelerator.``.
        func_name: A function of that module that takes no argument.
        where: Page path, used in error messages.

    Returns:
        The function's Markdown, stripped.

    Raises:
        RenderError: If the module is outside ``accelerator``, the function is missing, or it
            does not return a non-empty string.
    """
    if not module_name.startswith("accelerator."):
        raise RenderError(
            f"{where}: render marker must name an accelerator module, got {module_name}"
        )
    try:
        func = getattr(importlib.import_module(module_name), func_name)
    except (ImportError, AttributeError) as exc:
        raise RenderError(f"{where}: cannot render {module_name}:{func_name} ({exc})") from exc
    result = func()
    if not isinstance(result, str) or not result.strip():
        raise RenderError(f"{where}: {module_name}:{func_name} returned no Markdown")
    return result.strip()


def render_markers(
    markdown: str,
    where: str = "<page>",
    render: Callable[[str, str, str], str] = call_renderer,
) -> str:
    """Replace every render marker in ``markdown`` with the output of the named function.

    Args:
        markdown: Page source.
        where: Page path, used in error messages.
        render: Gives a marker's Markdown from its module, function and page
            (:func:`call_renderer`, or the build's cached version of it).

    Returns:
        The page with every marker expanded.

    Raises:
        RenderError: If a marker names a module outside ``accelerator``, a missing
            function, or a function that does not return a non-empty string.
    """
    return RENDER.sub(lambda m: render(m["module"], m["func"], where), markdown)


def cached_renderer(module_name: str, func_name: str, where: str) -> str:
    """:func:`call_renderer`, served from the build cache while the repository is unchanged.

    Args:
        module_name: Dotted module path.
        func_name: The function's name.
        where: Page path, used in error messages.

    Returns:
        The function's Markdown.
    """
    return repository_cache.cached_call(
        module_name, func_name, lambda: call_renderer(module_name, func_name, where)
    )


def _read_more(page_path: str) -> list[str]:
    from accelerator.guidance.read_more import HEADING, read_more_section

    return [HEADING, read_more_section(page_path)]


def append_read_more(markdown: str, page_path: str) -> str:
    """Append the page's "Read more" section from the links data, if it has links.

    The section comes from the build cache while the repository is unchanged, like the tables.

    Args:
        markdown: Page source (markers already expanded).
        page_path: Page path relative to ``docs/``, e.g. ``technology/cicd.md``.

    Returns:
        The page, with its Read more section at the end.

    Raises:
        RenderError: If the page already has its own "Read more" heading.
    """
    heading, section = repository_cache.cached_call(
        "accelerator.guidance.read_more", f"read_more_section {page_path}",
        lambda: _read_more(page_path),
    )  # fmt: skip
    if not section:
        return markdown
    if re.search(rf"^{re.escape(heading)}\s*$", markdown, re.MULTILINE):
        raise RenderError(
            f"{page_path}: has its own '{heading}' heading; its links belong in read_more.yaml"
        )
    return markdown.rstrip("\n") + "\n\n" + section


def on_config(config: Any, **_kwargs: Any) -> Any:
    """MkDocs ``on_config`` event: keep the cache next to ``mkdocs.yml``."""
    repository_cache.cache.configure(Path(config["config_file_path"]))
    return config


def on_pre_build(config: Any, **_kwargs: Any) -> None:
    """MkDocs ``on_pre_build`` event: fingerprint the repository, start counting warnings."""
    repository_cache.start(
        Path(config["config_file_path"]).parent, Path(config["docs_dir"]), Path(config["site_dir"])
    )


def on_page_markdown(markdown: str, page: Any, **_kwargs: Any) -> str:
    """MkDocs ``on_page_markdown`` event."""
    where = page.file.src_uri
    return append_read_more(render_markers(markdown, where, cached_renderer), where)


def on_post_build(**_kwargs: Any) -> None:
    """MkDocs ``on_post_build`` event: keep the new entries if the build logged no warning."""
    repository_cache.cache.commit()
