"""Output of the accelerator's own functions, kept across builds while the repository is unchanged.

Guidance tables (``<!-- render: ... -->`` markers, ``docs/hooks/guidance_tables.py``) and the
downloads (``docs/hooks/downloads.py``) come from functions that read the guidance data and the
code. Their output is kept with :class:`~accelerator.site_build.build_cache.BuildCache` under
``.cache/guidance-tables/``, keyed by the function and a fingerprint of the repository's files,
so a build after a prose edit imports and runs none of them. ``guidance_tables`` starts the cache
before the pages and commits it after the build.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from accelerator.site_build.build_cache import BuildCache, digest

PAGES = (".md", ".ipynb")
SKIPPED = {"__pycache__", "node_modules", "site"}
cache = BuildCache("guidance-tables")
_fingerprint: list[str] = []


def _inside(folder: str, parent: str) -> bool:
    return folder == parent or folder.startswith(parent.rstrip(os.sep) + os.sep)


def repository_fingerprint(root: Path, docs_dir: Path, site_dir: Path | None = None) -> str:
    """A digest of the files render functions may read: every file's name, size and mtime.

    Hidden folders (``.git``, ``.venv``, ``.cache``) other than ``.github`` and ``.ci``, and
    the build's output (``site_dir``), are skipped. Pages under ``docs_dir`` (outside its
    ``accelerator`` package) count by name only, so editing prose keeps the entries.

    Args:
        root: The folder of ``mkdocs.yml``.
        docs_dir: The site's ``docs_dir``.
        site_dir: Where the build writes, if under ``root``.

    Returns:
        A hex digest (of Python's version too: the CLI reference is argparse's help).
    """
    # Plain strings, not Path objects: about 1,000 files are stat-ed on every build.
    base, docs, tooling = str(root), str(docs_dir), str(docs_dir / "accelerator")
    site = str(site_dir) if site_dir is not None else None
    parts = []
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in SKIPPED and (not d.startswith(".") or d in (".github", ".ci"))
        )
        if site is not None and _inside(folder, site):
            dirs[:] = []
            continue
        prose = _inside(folder, docs) and not _inside(folder, tooling)
        rel = os.path.relpath(folder, base).replace(os.sep, "/")
        for name in sorted(files):
            path = name if rel == "." else f"{rel}/{name}"
            if prose and os.path.splitext(name)[1] in PAGES:
                parts.append(path)
                continue
            stat = os.stat(os.path.join(folder, name))
            parts.append(f"{path} {stat.st_size} {stat.st_mtime_ns}")
    return digest(sys.version, *parts)


def start(root: Path, docs_dir: Path, site_dir: Path) -> None:
    """Fingerprint the repository and start counting the build's warnings.

    Args:
        root: The folder of ``mkdocs.yml``.
        docs_dir: The site's ``docs_dir``.
        site_dir: Where the build writes.
    """
    _fingerprint[:] = [repository_fingerprint(root, docs_dir, site_dir)]
    cache.start()


def cached_call(module_name: str, func_name: str, call: Callable[[], Any]) -> Any:
    """What ``call()`` returns, from the cache while the repository is unchanged.

    Outside a build (no fingerprint taken), ``call`` simply runs.

    Args:
        module_name: The function's module, part of the key.
        func_name: The function's name (and any argument), part of the key.
        call: Produces the value on a miss: text, or anything JSON keeps as it is.

    Returns:
        The value.
    """
    if not _fingerprint:
        return call()
    key = digest(module_name, func_name, *_fingerprint)
    text = cache.get(key)
    if text is None:
        text = call()
        cache.put(key, text)
    return text
