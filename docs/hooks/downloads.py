"""MkDocs hook: write downloadable files, generated from the guidance data, into the site.

After every build it writes

* ``assets/downloads/raci.csv`` — the RACI matrix, for a spreadsheet;
* ``assets/downloads/maturity-questionnaire.json`` — the self-assessment questionnaire,
  which the interactive self-assessment page fetches.

Both come from the same functions the pages and the command line use, so a download can
never disagree with the page that links to it. During a build their text is kept with the
guidance tables (:mod:`accelerator.site_build.repository_cache`): a build after a prose edit
imports neither function's module.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from accelerator.site_build import repository_cache

DOWNLOADS = "assets/downloads"
FILES = {
    "raci.csv": ("accelerator.guidance.raci", "raci_csv"),
    "maturity-questionnaire.json": ("accelerator.guidance.questionnaire", "questionnaire_json"),
}
_texts: dict[str, str] = {}


def render(module_name: str, func_name: str) -> str:
    """Import ``module_name`` and return what its ``func_name()`` returns."""
    return getattr(importlib.import_module(module_name), func_name)()


def write_downloads(site_dir: Path) -> list[Path]:
    """Write every download into ``site_dir`` (the texts this build fetched, else rendered now).

    Args:
        site_dir: The built site's folder.

    Returns:
        The files written.
    """
    folder = Path(site_dir) / DOWNLOADS
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (module_name, func_name) in FILES.items():
        path = folder / name
        text = _texts.pop(name, None)
        path.write_text(text if text is not None else render(module_name, func_name), "utf-8")
        written.append(path)
    return written


def on_env(env: Any, **_kwargs: Any) -> Any:
    """MkDocs ``on_env`` event: fetch the texts while the build's cache is open.

    ``guidance_tables`` commits the cache in its own ``on_post_build``, before this hook's.
    """
    _texts.clear()
    for name, (module_name, func_name) in FILES.items():
        _texts[name] = repository_cache.cached_call(
            module_name, func_name, lambda m=module_name, f=func_name: render(m, f)
        )
    return env


def on_post_build(config: Any, **_kwargs: Any) -> None:
    """MkDocs ``on_post_build`` event."""
    write_downloads(Path(config["site_dir"]))
