"""Paths as users type them, looked up without a traceback when the system refuses them.

``Path.resolve()`` raises ``RuntimeError`` for a loop of symbolic links (Python 3.11) and
``Path.is_dir()`` raises ``OSError`` for a name longer than the system allows. A command
that only wants to know where a path leads, or whether it is a folder, asks here instead;
the read or write that follows then names the problem in one sentence.
"""

from __future__ import annotations

import os
from pathlib import Path


def real_path(path: str | Path) -> Path:
    """The absolute path, with symbolic links followed as far as they lead.

    Args:
        path: A path as typed.

    Returns:
        ``os.path.realpath`` of it: a loop of links, or a name too long, is left in place.
    """
    return Path(os.path.realpath(path))


def is_folder(path: Path) -> bool:
    """``path.is_dir()``, but a path the system cannot look up is no folder, not a traceback.

    A name longer than the system allows, or a folder on the way that may not be searched,
    makes ``is_dir`` raise; the file reader then names the reason when it reads the path.

    Args:
        path: A data file or folder.

    Returns:
        Whether ``path`` is a folder that can be looked up.
    """
    try:
        return path.is_dir()
    except OSError:
        return False


def missing_problem(path: Path) -> str | None:
    """Why ``path`` is not there to be read, or ``None`` when it exists.

    Args:
        path: A file or folder a command is about to read or upload.

    Returns:
        ``"no such file or folder"``, the system's reason when it cannot even look the path
        up (a name too long), or ``None``.
    """
    try:
        return None if path.exists() else "no such file or folder"
    except OSError as exc:
        return exc.strerror or str(exc)
