"""Write an output file whole or not at all, and say why a path cannot be written to.

A command that writes its result straight to the path a user named destroys the earlier
result the moment it opens the file, and leaves a cut-off file behind when it is stopped
(Ctrl-C, a full disk, a value the writer rejects) half-way. :func:`whole_file` has the
writer fill a hidden side file in the same folder instead and renames it over the target
only once the writer returned: readers see the old file or the new one, never a part.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reference_impl.paths import real_path


# --8<-- [start:whole-file]
@contextmanager
def whole_file(target: Path) -> Iterator[Path]:
    """Yield the path to write; it becomes ``target`` only when the block ends normally.

    The side file, ``.part-<pid><suffixes>`` in the folder of the file ``target`` names
    (through any symlink), is removed whatever ends the block early, so ``target`` keeps
    what it held before. It ends as ``target`` does, so a writer that picks its format from
    the name (pandas' ``.csv.gz``) writes the same bytes; the leading dot hides it from the
    readers of a lake folder (pyarrow, Spark). The file keeps an earlier file's permission
    bits. A device or pipe (``/dev/stdout``) has no earlier content to keep and is written
    directly.

    Args:
        target: The file to write; its folder is created if missing.

    Yields:
        The path to write instead of ``target``.
    """
    if target.exists() and not target.is_file():
        yield target
        return
    real = real_path(target)
    real.parent.mkdir(parents=True, exist_ok=True)
    side = real.with_name(f".part-{os.getpid()}{''.join(real.suffixes[-2:])}")
    try:
        yield side
        if real.exists():  # an earlier file's permissions stay, as when it is overwritten
            shutil.copymode(real, side)
        os.replace(side, real)
    finally:
        side.unlink(missing_ok=True)
    # --8<-- [end:whole-file]


def output_problem(target: Path, *, folder: bool = False) -> str | None:
    """Why ``target`` cannot be written, as far as can be seen without writing anything.

    Args:
        target: The file (or, with ``folder``, the folder) a command is about to write.
        folder: Whether the command writes a folder of files there.

    Returns:
        ``None``, or the reason: the path is a folder where a file goes (or the other way
        round), or a file stands where a folder of its path must be.
    """
    try:
        if target.is_dir() and not folder:
            return "it is a folder, not a file"
        if target.exists() and folder and not target.is_dir():
            return "it is a file, not a folder"
        parent = next((p for p in target.parents if p.exists()), None)
    except OSError as exc:  # a name too long, a loop of symlinks
        return exc.strerror or str(exc)
    if parent is not None and not parent.is_dir():
        return f"{parent} is a file"
    return None


def make_folder(folder: Path) -> str | None:
    """Create ``folder`` and its parents, or say why it cannot be a folder.

    Args:
        folder: The folder a command writes into.

    Returns:
        ``None`` once the folder exists, or the reason (:func:`output_problem`'s, or the
        system's: no permission, a read-only disk).
    """
    if problem := output_problem(folder, folder=True):
        return problem
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # not a file, not a folder: a link that leads nowhere, or in a loop
        return "it is a symbolic link that leads to no folder"
    except OSError as exc:
        return exc.strerror or str(exc)
    return None
