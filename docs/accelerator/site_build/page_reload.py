"""Under ``mkdocs serve``, rebuild only the page a writer edited when nothing else changed.

MkDocs rebuilds the whole site after any change it watches: on this site about 2 s after each
saved sentence, of which Markdown and templates for ~60 pages the writer is not looking at are
most. :class:`PageReloader` takes the server's place as its builder. After each change it
compares the watched files with what it saw last time and:

* rebuilds the edited pages alone (read, plugins, Markdown, cross-references, template, write)
  with the objects of the last full build, when only existing Markdown pages changed and each
  keeps its title, front matter and headings, so no other page's navigation, tags or links
  can differ from what a full build gives;
* otherwise, or if the page build logs a warning or fails, runs the server's full build (which
  reports the problem as before: strict mode still aborts on a warning).

What a page rebuild leaves for the next full one: the search index (the search box finds the
page's old words). ``docs/hooks/page_reload.py`` wires this in; a ``mkdocs build`` never uses
it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.utils import CountHandler

LOG = logging.getLogger("mkdocs.hooks.page_reload")
Snapshot = dict[str, tuple[int, int]]


def snapshot(paths: Iterable[str]) -> Snapshot:
    """Size and modification time of every file under ``paths`` (files or folders).

    Args:
        paths: Absolute paths; missing ones are skipped.

    Returns:
        ``{path: (size, mtime_ns)}``.
    """
    seen: Snapshot = {}

    def add(file: str) -> None:
        try:
            stat = os.stat(file)
        except FileNotFoundError:  # an editor's temporary file, gone since it was listed
            return
        seen[file] = (stat.st_size, stat.st_mtime_ns)

    for path in paths:
        if os.path.isfile(path):
            add(path)
            continue
        for folder, dirs, names in os.walk(path):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            for name in names:
                add(os.path.join(folder, name))
    return seen


def changed_paths(before: Snapshot, after: Snapshot) -> set[str]:
    """Paths added, removed or modified between two snapshots."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def _outline(page: Any) -> tuple[Any, ...]:
    """What other pages see of a page: its title, front matter and headings.

    A page that lists tags differs too: the tags plugin adds a heading per tag after the pages
    are read, so a page read again alone lacks them.
    """

    def headings(items: Iterable[Any]) -> list[tuple[str, str, Any]]:
        return [(item.id, item.title, headings(item.children)) for item in items]

    return page.title, dict(page.meta), headings(page.toc.items)


@dataclass
class LastBuild:
    """The objects of the last full build, recorded by the hook's events."""

    config: Any = None
    files: Files | None = None
    nav: Any = None
    env: Any = None

    def pages(self, paths: set[str]) -> list[Any] | None:
        """The built pages whose sources are ``paths``, or ``None`` if any path is not one."""
        if self.files is None or self.env is None or not paths:
            return None
        by_source = {
            os.path.abspath(file.abs_src_path): file
            for file in self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            if file.page is not None and file.abs_src_path
        }
        found = [by_source.get(os.path.abspath(path)) for path in sorted(paths)]
        if any(file is None or not file.src_uri.endswith(".md") for file in found):
            return None
        return [file.page for file in found]


@dataclass
class PageReloader:
    """The dev server's builder: a page build when it is enough, else the full one.

    Args:
        full_build: The server's own builder.
        watched: Gives the paths to compare between builds (what the server watches).
        last_build: Gives the objects of the last full build (the hook records them).
    """

    full_build: Callable[[], None]
    watched: Callable[[], list[str]]
    last_build: Callable[[], LastBuild]
    seen: Snapshot | None = None

    def remember(self) -> None:
        """Take the snapshot the next change is compared with (after a full build)."""
        self.seen = snapshot(self.watched())

    def __call__(self) -> None:
        """Rebuild after the server saw a change.

        After a full build that failed, :attr:`seen` is ``None``: no change is known, so the
        next build is a full one too.
        """
        now = snapshot(self.watched())
        changed = changed_paths(self.seen, now) if self.seen is not None else set()
        self.seen = now
        pages = self.last_build().pages(changed)
        if pages is not None and self.rebuild_pages(pages):
            LOG.info("Rebuilt %s alone", ", ".join(page.file.src_uri for page in pages))
            return
        self.seen = None
        self.full_build()
        self.remember()

    def rebuild_pages(self, pages: list[Any]) -> bool:
        """Build ``pages`` as the last full build would have; ``False`` to ask for a full one."""
        last = self.last_build()
        config, files, nav, env = last.config, last.files, last.nav, last.env
        assert files is not None
        warnings = CountHandler()
        warnings.setLevel(logging.WARNING)
        logger = logging.getLogger("mkdocs")
        logger.addHandler(warnings)
        try:
            for page in pages:
                before = _outline(page)
                _populate_page(page, config, files)
                if _outline(page) != before:
                    return False
            config.plugins.on_env(env, config=config, files=Files([p.file for p in pages]))
            doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            for page in pages:
                _build_page(page, config, doc_files, nav, env)
                page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        except Exception:  # the full build reports it the way MkDocs does
            return False
        finally:
            logger.removeHandler(warnings)
        return not warnings.get_counts()
