"""A folder of JSON entries that a build hook reuses across builds.

A hook computes a key from everything its output depends on, asks :meth:`BuildCache.get` for
it and, on a miss, hands its fresh output to :meth:`BuildCache.put`. New entries are written at
the end of a build, and only if that build logged no warning: a strict build that failed never
leaves behind an entry that would hide its warning from the next build.

An edit changes keys, so every edit leaves entries no build asks for again (a change to any
documented module, about 2 MB of API reference). A build that reads an entry marks it used
(its modification time); the end of a build that wrote its entries deletes those unused for
:data:`UNUSED_DAYS` days. Age, not this build's set, decides: a build under ``mkdocs serve``
renders only the edited page and must not take the others' entries with it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import time
from pathlib import Path
from typing import Any

UNUSED_DAYS = 1
"""An entry no build has read or written for this many days is deleted (a miss costs one
slower build; a day of editing documented modules can leave a hundred megabytes behind)."""


class _WarningCounter(logging.Handler):
    """Counts the warnings (and worse) that MkDocs' loggers emit during a build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def digest(*parts: str) -> str:
    """A SHA-256 hex digest of ``parts``, one per line.

    Args:
        *parts: The strings an entry depends on.

    Returns:
        64 hex characters.
    """
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class BuildCache:
    """Entries of one hook under ``.cache/NAME/`` next to ``mkdocs.yml`` (git-ignored).

    Args:
        name: The cache's folder name under ``.cache/``.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.folder = Path(".cache") / name
        self.pending: dict[str, Any] = {}
        self._counter = _WarningCounter()

    def configure(self, config_file: Path) -> None:
        """Keep entries next to the build's ``mkdocs.yml``.

        Args:
            config_file: Path of ``mkdocs.yml``.
        """
        self.folder = config_file.parent / ".cache" / self.name

    def start(self) -> None:
        """Forget unwritten entries and start counting the build's warnings."""
        self.pending = {}
        self._counter.count = 0
        logger = logging.getLogger("mkdocs")
        if self._counter not in logger.handlers:
            logger.addHandler(self._counter)

    def get(self, key: str) -> Any | None:
        """The entry stored under ``key``, or ``None``.

        Args:
            key: A digest of everything the entry depends on.

        Returns:
            The decoded JSON value, or ``None`` on a miss.
        """
        path = self.folder / f"{key}.json"
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        with contextlib.suppress(FileNotFoundError):  # pruned meanwhile by another build
            os.utime(path)  # used now: kept by prune() for another UNUSED_DAYS
        return json.loads(text)

    def put(self, key: str, value: Any) -> None:
        """Keep ``value`` under ``key`` once the build ends without warnings.

        Args:
            key: A digest of everything the entry depends on.
            value: A JSON-serialisable value.
        """
        self.pending[key] = value

    def commit(self) -> int:
        """Write the build's new entries and prune unused ones, unless it logged a warning.

        Returns:
            How many entries were written.
        """
        if self._counter.count:
            self.pending = {}
            return 0
        for key, value in self.pending.items():
            path = self.folder / f"{key}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(value), encoding="utf-8")
            tmp.replace(path)
        written, self.pending = len(self.pending), {}
        self.prune()
        return written

    def prune(self, now: float | None = None) -> int:
        """Delete the entries no build has read or written for :data:`UNUSED_DAYS` days.

        Args:
            now: The current time (seconds since the epoch); the clock's by default.

        Returns:
            How many entries were deleted.
        """
        cutoff = (time.time() if now is None else now) - UNUSED_DAYS * 86_400
        deleted = 0
        for path in self.folder.glob("*.json"):
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
                    deleted += 1
            except FileNotFoundError:  # another build pruned it first
                continue
        return deleted
