"""MkDocs plugin ``accelerator-notebooks``: mkdocs-jupyter's notebook pages, imported on need.

mkdocs-jupyter imports nbconvert and jupytext when MkDocs loads it, about half a second of every
build, although it renders the site's one notebook from its own cache almost every time. This
plugin makes ``.ipynb`` files pages the way mkdocs-jupyter does and keeps what mkdocs-jupyter
rendered (HTML, table of contents, title) with
:class:`~accelerator.site_build.build_cache.BuildCache` under ``.cache/notebooks/``, keyed by
the notebook's bytes, the options and mkdocs-jupyter's version. Only a miss imports
mkdocs-jupyter, which then renders the page exactly as before. With ``include_source`` the
notebook is copied next to its page, for download, as mkdocs-jupyter does.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from importlib.metadata import version
from pathlib import Path, PurePath
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from accelerator.site_build.build_cache import BuildCache, digest


class NotebookConfig(Config):
    """The plugin's options; all but ``include`` are passed on to mkdocs-jupyter."""

    include = config_options.Type(list, default=["*.ipynb"])
    execute = config_options.Type(bool, default=False)
    allow_errors = config_options.Type(bool, default=True)
    include_source = config_options.Type(bool, default=False)


class NotebookFile(File):
    """A ``.ipynb`` file that MkDocs treats as a page (``name.ipynb`` -> ``name/index.html``)."""

    def is_documentation_page(self) -> bool:
        """A notebook is a page."""
        return True


def toc_tokens(items: Any) -> list[dict[str, Any]]:
    """The tokens a table of contents is built from, read back from the built one.

    Args:
        items: A page's ``toc`` (or an item's ``children``).

    Returns:
        Tokens that :func:`mkdocs.structure.toc.get_toc` turns into the same table.
    """
    return [
        {"level": i.level, "id": i.id, "name": i.title, "children": toc_tokens(i.children)}
        for i in items
    ]


class NotebookPlugin(BasePlugin[NotebookConfig]):
    """Render ``.ipynb`` pages from the cache; fall back to mkdocs-jupyter on a miss."""

    def __init__(self) -> None:
        self.cache = BuildCache("notebooks")
        self._jupyter: Any = None

    def on_config(self, config: Any) -> Any:
        """Keep the cache next to ``mkdocs.yml``."""
        self.cache.configure(Path(config["config_file_path"]))
        return config

    def on_pre_build(self, *, config: Any) -> None:
        """Start counting the build's warnings."""
        self.cache.start()

    def _included(self, file: File) -> bool:
        if not file.abs_src_path or not file.src_uri.endswith(".ipynb"):
            return False
        return any(PurePath(file.abs_src_path).match(p) for p in self.config.include)

    def on_files(self, files: Files, *, config: Any) -> Files:
        """Make every included notebook a page."""
        return Files(
            [
                NotebookFile(
                    f.src_path, f.src_dir, f.dest_dir, f.use_directory_urls, inclusion=f.inclusion
                )
                if self._included(f)
                else f
                for f in files
            ]
        )

    def _key(self, page: Page) -> str:
        source = hashlib.sha256(Path(page.file.abs_src_path).read_bytes()).hexdigest()
        options = json.dumps(dict(self.config), sort_keys=True)
        return digest(source, options, version("mkdocs-jupyter"))

    def _rendered_by_jupyter(self, page: Page, config: Any, files: Files) -> dict[str, Any]:
        if self._jupyter is None:
            from mkdocs_jupyter.plugin import Plugin

            self._jupyter = Plugin()
            options = {k: v for k, v in self.config.items() if k != "include_source"}
            # This plugin's cache replaces mkdocs-jupyter's own.
            errors, warnings = self._jupyter.load_config({**options, "cache": False})
            if errors or warnings:
                raise RuntimeError(f"mkdocs-jupyter refused the options: {errors + warnings}")
            self._jupyter.on_pre_build(config)
        self._jupyter.on_pre_page(page, config, files)
        page.render(config, files)
        tokens = toc_tokens(page.toc)
        h1 = next((t["name"] for t in tokens if t["level"] == 1), None)
        return {"content": page.content, "toc": tokens, "title": h1}

    def on_pre_page(self, page: Page, *, config: Any, files: Files) -> Page:
        """Give a notebook page a ``render`` that reads the cache first."""
        if not isinstance(page.file, NotebookFile):
            return page
        plugin, key = self, self._key(page)

        def render(self: Page, config: Any, files: Files) -> None:
            entry = plugin.cache.get(key)
            if entry is None:
                entry = plugin._rendered_by_jupyter(self, config, files)
                plugin.cache.put(key, entry)
            self.content, self.toc = entry["content"], get_toc(entry["toc"])
            if entry["title"] is not None:  # the notebook's first H1, as mkdocs-jupyter does
                self.title = entry["title"]

        page.render = render.__get__(page, Page)  # type: ignore[method-assign]
        return page

    def on_post_page(self, output: str, *, page: Page, config: Any) -> str:
        """With ``include_source``, copy the notebook next to its page."""
        if self.config.include_source and isinstance(page.file, NotebookFile):
            target = Path(page.file.abs_dest_path).parent / PurePath(page.file.src_uri).name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page.file.abs_src_path, target)
        return output

    def on_post_build(self, *, config: Any) -> None:
        """Keep the new entries if the build logged no warning."""
        self.cache.commit()
