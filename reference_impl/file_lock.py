"""An exclusive lock on a file, from the standard library only.

The operating system holds the lock for the open file (``fcntl.flock`` on Linux and macOS,
``msvcrt.locking`` on Windows) and drops it when the process ends, however it ends: a
killed run never leaves a stale lock behind, so there is nothing to clean up or time out.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from reference_impl.exit_codes import ExitCode
from reference_impl.workdir import WorkdirError

POLL_SECONDS = 0.1


class WorkdirBusy(WorkdirError):
    """Another run held the lock for longer than this run was willing to wait."""

    exit_code = ExitCode.BUSY


def _try_lock(handle: IO[bytes]) -> bool:
    """Take the lock without waiting; ``False`` when another process holds it."""
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import msvcrt

        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def acquire(path: Path, wait: float) -> IO[bytes] | None:
    """Open ``path`` (created if missing) and lock it, waiting at most ``wait`` seconds.

    Args:
        path: The lock file.
        wait: Seconds to keep trying; ``0`` tries once.

    Returns:
        The open, locked file (pass it to :func:`release`), or ``None`` if another process
        still held the lock when the time was up.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+b")
    deadline = time.monotonic() + wait
    while not _try_lock(handle):
        if time.monotonic() >= deadline:
            handle.close()
            return None
        time.sleep(POLL_SECONDS)
    return handle


def release(handle: IO[bytes]) -> None:
    """Unlock and close a file returned by :func:`acquire`.

    Args:
        handle: The locked file.
    """
    try:
        _unlock(handle)
    finally:
        handle.close()


# --8<-- [start:held]
@contextmanager
def held(path: Path, wait: float, purpose: str) -> Iterator[None]:
    """Hold the lock on ``path`` for the ``with`` block.

    Args:
        path: The lock file.
        wait: Seconds to wait for another holder to finish.
        purpose: What the lock protects, for the message when the wait runs out.

    Yields:
        Nothing; the lock is held inside the block.

    Raises:
        WorkdirBusy: If another process held the lock for all of ``wait`` seconds.
    """
    handle = acquire(path, wait)
    if handle is None:
        raise WorkdirBusy(
            f"another run held {path} for {wait:g} s while this one waited to {purpose}; "
            "run it again when the other run has finished"
        )
    try:
        yield
    finally:
        release(handle)
    # --8<-- [end:held]
