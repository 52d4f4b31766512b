"""MkDocs hook: reuse the search index entries of pages whose HTML has not changed.

Material's search plugin parses every page's HTML to cut it into sections, on every build; for
the API reference (tens of thousands of elements) that is most of a second. The index's
``add_entry_from_context`` is wrapped: the entries a page adds are stored with
:class:`accelerator.site_build.build_cache.BuildCache` under ``.cache/search-entries/``, keyed by
everything they are made of (the page's HTML, URL, title, table of contents, tags and search
settings), the plugin's settings and Material's version. A hit appends the same entries, so
``search_index.json`` comes out byte for byte the same.

After indexing a page, the plugin also strips any ``data-search-*`` attribute from its HTML with
a regular expression that tries every character of the page (0.09 s a build, the API reference
most of it); no page of this site has such an attribute. The plugin's ``on_page_context``
handler is replaced by one that indexes the page the same way and runs the plugin's own handler
only for a page whose HTML holds ``data-search-``.
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

from accelerator.site_build.build_cache import BuildCache, digest

cache = BuildCache("search-entries")
_salt: list[str] = []


def _toc(items: Any) -> list[Any]:
    return [[item.id, item.url, item.title, item.level, _toc(item.children)] for item in items]


def page_key(page: Any) -> str:
    """The cache key of one page's search entries.

    Args:
        page: A rendered MkDocs page (its ``content`` is the HTML the plugin indexes).

    Returns:
        A digest of the page's HTML, URL, titles, table of contents, tags and search
        settings, and of the plugin's settings and Material's version.
    """
    meta = {key: page.meta.get(key) for key in ("title", "tags", "search")}
    described = json.dumps([page.url, page.title, meta, _toc(page.toc)], default=str)
    return digest(*_salt, described, page.content or "")


def _wrap(index_class: type) -> None:
    add = getattr(index_class.add_entry_from_context, "__wrapped__", None)
    add = add or index_class.add_entry_from_context

    def cached_add(self: Any, page: Any) -> None:
        key = page_key(page)
        entries = cache.get(key)
        if entries is not None:
            self.entries.extend(entries)
            return
        before = len(self.entries)
        add(self, page)
        cache.put(key, self.entries[before:])

    cached_add.__wrapped__ = add  # type: ignore[attr-defined]
    index_class.add_entry_from_context = cached_add


ATTRIBUTE = "data-search-"
"""What every attribute the plugin strips from a page's HTML starts with."""


def _strip_only_where_found(plugins: Any, plugin: Any) -> None:
    """Replace ``plugin``'s ``on_page_context`` in ``plugins``: no strip where nothing matches.

    Args:
        plugins: MkDocs' plugin collection (``config["plugins"]``).
        plugin: Material's search plugin, registered in it.
    """
    handler = plugin.on_page_context

    def index_page(context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        if ATTRIBUTE in (page.content or "") or not plugin.config.enabled:
            return handler(context, page=page, config=config, nav=nav)
        plugin.search_index.add_entry_from_context(page)
        return None

    events = plugins.events["page_context"]
    events[:] = [index_page if method == handler else method for method in events]


def on_config(config: Any, **_kwargs: Any) -> Any:
    """MkDocs ``on_config`` event: wrap the index (again after a reload); note the key's salt."""
    from material.plugins.search.plugin import SearchIndex

    plugin = config["plugins"].get("material/search") or config["plugins"].get("search")
    if plugin is None:
        return config
    _wrap(SearchIndex)
    _strip_only_where_found(config["plugins"], plugin)
    cache.configure(Path(config["config_file_path"]))
    settings = json.dumps(dict(plugin.config), sort_keys=True, default=str)
    _salt[:] = [settings, version("mkdocs-material")]
    return config


def on_pre_build(**_kwargs: Any) -> None:
    """MkDocs ``on_pre_build`` event: start counting warnings."""
    cache.start()


def on_post_build(**_kwargs: Any) -> None:
    """MkDocs ``on_post_build`` event: keep the new entries if the build logged no warning."""
    cache.commit()
