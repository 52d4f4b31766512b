"""MkDocs hook: under ``mkdocs serve``, a prose edit rebuilds only the edited page.

The logic is :mod:`accelerator.site_build.page_reload`; this hook records each full build's
objects for it and puts it in the server's place as the builder. ``mkdocs build`` is unchanged.
"""

from __future__ import annotations

import os
from typing import Any

from accelerator.site_build import page_reload

_serving: list[bool] = [False]


def on_startup(command: str, **_kwargs: Any) -> None:
    """MkDocs ``on_startup`` event: only ``serve`` rebuilds pages alone."""
    _serving[0] = command == "serve"


def _last() -> page_reload.LastBuild | None:
    return page_reload.reloader.last if _serving[0] and page_reload.reloader else None


def on_config(config: Any, **_kwargs: Any) -> Any:
    """MkDocs ``on_config`` event: a full build starts; record its configuration."""
    if _serving[0]:
        if page_reload.reloader is None:
            page_reload.reloader = page_reload.PageReloader(
                full_build=lambda: None, watched=lambda: []
            )
        page_reload.reloader.last = page_reload.LastBuild(config=config)
    return config


def on_files(files: Any, **_kwargs: Any) -> Any:
    """MkDocs ``on_files`` event: record the build's files."""
    if (last := _last()) is not None:
        last.files = files
    return files


def on_nav(nav: Any, **_kwargs: Any) -> Any:
    """MkDocs ``on_nav`` event: record the build's navigation."""
    if (last := _last()) is not None:
        last.nav = nav
    return nav


def on_env(env: Any, **_kwargs: Any) -> Any:
    """MkDocs ``on_env`` event: record the build's template environment."""
    if (last := _last()) is not None:
        last.env = env
    return env


def on_serve(server: Any, config: Any, builder: Any, **_kwargs: Any) -> Any:
    """MkDocs ``on_serve`` event: the reloader becomes the server's builder."""
    watched = [config["docs_dir"], config["config_file_path"], *config["watch"]]
    reloader = page_reload.reloader
    assert reloader is not None
    reloader.full_build = builder
    reloader.watched = lambda: [os.path.abspath(path) for path in watched]
    reloader.remember()
    server.builder = reloader
    return server
