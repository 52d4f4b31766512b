"""Paths as users type them, looked up without a traceback when the system refuses them.

``Path.resolve()`` raises ``RuntimeError`` for a loop of symbolic links (Python 3.11) and
``Path.is_dir()`` raises ``OSError`` for a name longer than the system allows. A command
that only wants to know where a path leads, or whether it is a folder, asks here instead;
the read or write that follows then names the problem in one sentence.
"""

from __future__ import annotations

import os
import re
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


def absent(path: Path) -> bool:
    """Whether nothing at all is at ``path``, not even a link (a typo, most often).

    A path the system cannot look up (a name too long, a folder on the way that is a file) is
    not called absent: the reader that follows names that reason. Nor is a link, dangling or
    a loop: the reader names that too.

    Args:
        path: A file or folder a command is about to read.

    Returns:
        ``True`` only when the system answers that no such file or folder exists.
    """
    try:
        os.lstat(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return False


URI_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
"""``scheme://`` at the start of a value; group 1 is the scheme."""


DATABRICKS_PATH = re.compile(r"^dbfs:/", re.IGNORECASE)
"""A Databricks file system path as a notebook names it: ``dbfs:/mnt/lake/...``."""


def databricks_problem(data: str | Path) -> str | None:
    """Why a Databricks file system path cannot be read here or by Azure ML, or ``None``.

    ``dbfs:/mnt/lake/customers`` is what a Databricks notebook shows for a table's files. Taken
    as a local path it was a relative folder named ``dbfs:`` (file not found), and an Azure ML
    job has no such scheme; the storage behind the mount is what both can read.

    Args:
        data: A value as typed (``--data``, ``--input``, ``data.training``, ...).

    Returns:
        The sentence after ``VALUE:``, or ``None`` for any other value.
    """
    if not DATABRICKS_PATH.match(str(data)):
        return None
    return (
        "a Databricks file system path, which only a Databricks cluster reads; pass the storage "
        "path behind it (abfss://<container>@<account>.dfs.core.windows.net/<path>, which an "
        "Azure ML job reads) or a copy on this machine"
    )


def is_uri(data: str | Path) -> bool:
    """Whether ``data`` is a URI (and so cannot be read by a local run).

    Args:
        data: A value as typed (``--data``, ``--input``, ...).

    Returns:
        ``True`` for ``scheme://...``, ``azureml:...`` and ``dbfs:/...`` values.
    """
    value = str(data)
    return bool(URI_SCHEME.match(value) or DATABRICKS_PATH.match(value)) or value.startswith(
        "azureml:"
    )
