"""MkDocs hook: under ``mkdocs serve``, a prose edit rebuilds only the edited page.

The logic is :mod:`accelerator.site_build.page_reload`; this hook records each full build's
objects for it and puts it in the server's place as the builder. ``mkdocs build`` is unchanged.
"""

from __future__ import annotations

import os
from typing import Any

from accelerator.site_build import page_reload

_serving: list[bool] = [False]
_last: list[page_reload.LastBuild] = [page_reload.LastBuild()]


def on_startup(command: str, **_kwargs: Any) -> None:
    """MkDocs ``on_startup`` event: only ``serve`` rebuilds pages alone."""
    _serving[0] = command == "serve"


def on_config(config: Any, **_kwargs: Any) -> Any:
    """MkDocs ``on_config`` event: a full build starts; record its configuration."""
    if _serving[0]:
        _last[0] = page_reload.LastBuild(config=config)
    return config


def on_files(files: Any, **_kwargs: Any) -> Any:
    """MkDocs ``on_files`` event: record the build's files."""
    if _serving[0]:
        _last[0].files = files
    return files


def on_nav(nav: Any, **_kwargs: Any) -> Any:
    """MkDocs ``on_nav`` event: record the build's navigation."""
    if _serving[0]:
        _last[0].nav = nav
    return nav


def on_env(env: Any, **_kwargs: Any) -> Any:
    """MkDocs ``on_env`` event: record the build's template environment."""
    if _serving[0]:
        _last[0].env = env
    return env


def on_serve(server: Any, config: Any, builder: Any, **_kwargs: Any) -> Any:
    """MkDocs ``on_serve`` event: the reloader becomes the server's builder."""
    watched = [os.path.abspath(path) for path in (config["docs_dir"], config["config_file_path"])]
    watched += [os.path.abspath(path) for path in config["watch"]]
    reloader = page_reload.PageReloader(
        full_build=builder, watched=lambda: watched, last_build=lambda: _last[0]
    )
    reloader.remember()
    server.builder = reloader
    return server
