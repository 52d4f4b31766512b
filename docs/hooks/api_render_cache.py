"""MkDocs hook: serve mkdocstrings' rendering of unchanged modules from a cache on disk.

Rendering the API reference (one mkdocstrings block per public module) is most of a build's
time, and its output only changes when the documented code, the options or the libraries change.
The Python handler's ``render`` is wrapped: its HTML, the headings it registers (for the table of
contents, autorefs and the inventory) and those headings' aliases are stored under
``.cache/api-render/`` (next to ``mkdocs.yml``, git-ignored), keyed by the object's path, the
page, the rendering options, a hash of every ``.py`` file of the documented package, a hash of
``mkdocs.yml`` and the versions of the rendering libraries. A hit replays all three, so the page,
its anchors, ``objects.inv`` and the search index come out the same. Entries are written only
after a build that logged no warning, so a strict build never hides a warning behind the cache.

``collect`` is deferred too: it returns a :class:`Deferred` that knows the object's path, and
griffe loads the package only when a block misses the cache (a warm build of the API page
loaded and parsed every module, about 0.2 s, to use nothing of it).
"""

from __future__ import annotations

import hashlib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import fromstring, tostring

from accelerator.site_build.build_cache import BuildCache, digest

LIBRARIES = ("mkdocstrings", "mkdocstrings-python", "griffelib", "markdown", "pymdown-extensions")


_state: dict[str, Any] = {
    "roots": [],
    "config": "",
    "hashes": {},
    "versions": [],
    "aliases": {},
}
cache = BuildCache("api-render")


def sources_hash(package_dir: Path) -> str:
    """Hash the names and bytes of every ``.py`` file of a package.

    Args:
        package_dir: The package's folder (or a single module file).

    Returns:
        A hex digest that changes when any of its files changes, appears or goes.
    """
    digest = hashlib.sha256()
    files = [package_dir] if package_dir.is_file() else sorted(package_dir.rglob("*.py"))
    for path in files:
        digest.update(str(path.relative_to(package_dir.parent)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "absent"


def _package_hash(identifier: str) -> str:
    top = identifier.split(".")[0]
    if top not in _state["hashes"]:
        found = [
            candidate
            for root in _state["roots"]
            for candidate in (root / top, root / f"{top}.py")
            if candidate.exists()
        ]
        _state["hashes"][top] = sources_hash(found[0]) if found else "not-found"
    return _state["hashes"][top]


def cache_key(identifier: str, page: str, options: Any) -> str:
    """The cache key of one rendered object.

    Args:
        identifier: Dotted path of the documented object.
        page: Source path of the page it is rendered on (relative links depend on it).
        options: The handler's rendering options.

    Returns:
        A hex digest of those, the documented package's sources, ``mkdocs.yml`` (Markdown
        extensions) and the rendering libraries' versions.
    """
    parts = [identifier, page, repr(options), _package_hash(identifier), _state["config"]]
    return digest(*parts, *_state["versions"])


class Deferred:
    """What ``collect`` returns: the object's path now, griffe's object when rendering needs it.

    Args:
        handler: The Python handler.
        identifier: The block's identifier (the object's path).
        options: The block's options.
        collect: The handler's own ``collect``.
    """

    def __init__(self, handler: Any, identifier: str, options: Any, collect: Any) -> None:
        self.path = identifier
        self._load = lambda: collect(handler, identifier, options)

    def load(self) -> Any:
        """Collect the object now, as mkdocstrings would have (same error on a bad identifier).

        Returns:
            The collected griffe object.

        Raises:
            PluginError: If the handler cannot collect it.
        """
        from mkdocs.exceptions import PluginError
        from mkdocstrings import CollectionError

        try:
            return self._load()
        except CollectionError as exc:
            raise PluginError(f"Could not collect '{self.path}'") from exc


def _wrap(handler_class: type) -> None:
    render = getattr(handler_class.render, "__wrapped__", handler_class.render)
    collect = getattr(handler_class.collect, "__wrapped__", handler_class.collect)

    def deferred_collect(self: Any, identifier: str, options: Any) -> Any:
        if options == {}:  # a lookup without a block: collect at once
            return collect(self, identifier, options)
        return Deferred(self, identifier, options, collect)

    def cached_render(self: Any, data: Any, options: Any, locale: str | None = None) -> str:
        treeprocessors = self.md.treeprocessors
        relpath = treeprocessors["relpath"] if "relpath" in treeprocessors else None  # noqa: SIM401
        page = relpath.file.src_uri if relpath is not None and relpath.file else ""
        key = cache_key(data.path, page, options)
        entry = cache.get(key)
        if entry is not None:
            self._headings.extend(fromstring(heading) for heading in entry["headings"])
            _state["aliases"].update(entry["aliases"])
            return entry["html"]
        if isinstance(data, Deferred):
            data = data.load()
        before = len(self._headings)
        html = render(self, data, options, locale=locale)
        new = self._headings[before:]
        cache.put(
            key,
            {
                "html": html,
                "headings": [tostring(heading, encoding="unicode") for heading in new],
                # Rendering resolves imported names, which adds aliases that mkdocstrings registers
                # right after this call; a hit replays them as they were then.
                "aliases": {h.get("id"): list(get_aliases(self, h.get("id"))) for h in new},
            },
        )
        return html

    def cached_get_aliases(self: Any, identifier: str) -> tuple[str, ...]:
        replayed = _state["aliases"].pop(identifier, None)
        return tuple(replayed) if replayed is not None else get_aliases(self, identifier)

    get_aliases = getattr(handler_class.get_aliases, "__wrapped__", handler_class.get_aliases)
    cached_render.__wrapped__ = render  # type: ignore[attr-defined]
    cached_get_aliases.__wrapped__ = get_aliases  # type: ignore[attr-defined]
    deferred_collect.__wrapped__ = collect  # type: ignore[attr-defined]
    handler_class.render = cached_render
    handler_class.collect = deferred_collect
    handler_class.get_aliases = cached_get_aliases


def on_config(config: Any, **_kwargs: Any) -> Any:
    """MkDocs ``on_config`` event: (re)wrap the Python handler; note what keys depend on."""
    from mkdocstrings_handlers.python import PythonHandler

    if "mkdocstrings" not in config["plugins"]:
        return config
    _wrap(PythonHandler)  # again after a reload under ``mkdocs serve``: this module's state
    config_file = Path(config["config_file_path"])
    cache.configure(config_file)
    options = config["plugins"]["mkdocstrings"].config["handlers"].get("python", {})
    _state["roots"] = [config_file.parent / p for p in options.get("paths", ["."])]
    _state["config"] = hashlib.sha256(config_file.read_bytes()).hexdigest()
    _state["versions"] = [f"{name}=={_version(name)}" for name in LIBRARIES]
    return config


def on_pre_build(**_kwargs: Any) -> None:
    """MkDocs ``on_pre_build`` event: hash sources afresh and start counting warnings."""
    _state["hashes"], _state["aliases"] = {}, {}
    cache.start()


def on_post_build(**_kwargs: Any) -> None:
    """MkDocs ``on_post_build`` event: keep the new entries if the build logged no warning."""
    cache.commit()
