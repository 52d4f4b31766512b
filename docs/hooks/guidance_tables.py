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
"""

from __future__ import annotations

import importlib
import re

RENDER = re.compile(r"^<!-- render: (?P<module>[\w.]+):(?P<func>\w+) -->$", re.MULTILINE)


class RenderError(RuntimeError):
    """A render marker names something that does not exist or returns no Markdown."""


def render_markers(markdown: str, where: str = "<page>") -> str:
    """Replace every render marker in ``markdown`` with the output of the named function.

    Args:
        markdown: Page source.
        where: Page path, used in error messages.

    Returns:
        The page with every marker expanded.

    Raises:
        RenderError: If a marker names a module outside ``accelerator``, a missing
            function, or a function that does not return a non-empty string.
    """

    def expand(match: re.Match[str]) -> str:
        module_name, func_name = match["module"], match["func"]
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

    return RENDER.sub(expand, markdown)


def append_read_more(markdown: str, page_path: str) -> str:
    """Append the page's "Read more" section from the links data, if it has links.

    Args:
        markdown: Page source (markers already expanded).
        page_path: Page path relative to ``docs/``, e.g. ``technology/cicd.md``.

    Returns:
        The page, with its Read more section at the end.

    Raises:
        RenderError: If the page already has its own "Read more" heading.
    """
    from accelerator.guidance.read_more import HEADING, read_more_section

    section = read_more_section(page_path)
    if not section:
        return markdown
    if re.search(rf"^{re.escape(HEADING)}\s*$", markdown, re.MULTILINE):
        raise RenderError(
            f"{page_path}: has its own '{HEADING}' heading; its links belong in read_more.yaml"
        )
    return markdown.rstrip("\n") + "\n\n" + section


def on_page_markdown(markdown: str, page, **_kwargs) -> str:
    """MkDocs ``on_page_markdown`` event."""
    where = page.file.src_uri
    return append_read_more(render_markers(markdown, where), where)
