"""A copy of the repository's site sources to edit freely: the dev server's tests and benchmark."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIPPED = {".git", ".venv", ".cache", "node_modules", "__pycache__", ".mlops", "site"}
CACHES = ("api-render", "guidance-tables", "search-entries", "notebooks")


def copy_sources(dest: Path) -> Path:
    """Copy the repository without its environments and history, plus the warm build caches.

    The copy imports the project's packages from the repository's environment, so only its
    pages, configuration and hooks are its own.

    Args:
        dest: A folder that does not exist yet.

    Returns:
        ``dest``.
    """
    shutil.copytree(ROOT, dest, ignore=lambda _folder, names: [n for n in names if n in SKIPPED])
    for name in CACHES:
        if (ROOT / ".cache" / name).is_dir():
            shutil.copytree(ROOT / ".cache" / name, dest / ".cache" / name)
    return dest
