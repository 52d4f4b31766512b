"""Check that the files of a Parquet folder hold the same columns before reading them as one.

pyarrow reads a folder with the first file's schema. A column that later files add (a table
whose writer gained a column half-way through its history) was dropped without a word, so
``contract infer`` proposed a contract without it and ``train`` said it was missing although
half the files hold it; a column that later files lack became empty values, reported by row
numbers no file has.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow.dataset as ds

SHOWN = 5
"""Column names listed at most, per side."""


def _listed(names: set[str]) -> str:
    ordered = sorted(names)
    more = f" and {len(ordered) - SHOWN} more" if len(ordered) > SHOWN else ""
    return ", ".join(ordered[:SHOWN]) + more


def uneven_columns(dataset: ds.FileSystemDataset, folder: Path) -> str | None:
    """Say which file of ``folder`` holds other columns than its first file, or ``None``.

    Only the files' footers are read. Hive partition columns (``region=north/``) are in the
    folder names, not in the files, and are not compared.

    Args:
        dataset: The folder as a pyarrow dataset.
        folder: The folder, to name its files relative to it.

    Returns:
        One sentence naming the two files and the columns one holds and the other lacks.
    """
    fragments = iter(dataset.get_fragments())
    first = next(fragments, None)
    if first is None:
        return None
    expected = set(first.physical_schema.names)
    for fragment in fragments:
        names = set(fragment.physical_schema.names)
        if names != expected:
            this, that = (_name(f.path, folder) for f in (fragment, first))
            return column_difference(this, names, that, expected)
    return None


def column_difference(this: object, names: set[str], that: object, expected: set[str]) -> str:
    """Say which columns file ``this`` lacks or adds against file ``that`` of the same folder.

    Args:
        this: The file that differs, as it is named in the sentence.
        names: Its columns.
        that: The first file of the folder, as it is named.
        expected: Its columns.

    Returns:
        One sentence naming both files and the columns one holds and the other lacks.
    """
    said = []
    if lacks := expected - names:
        said.append(f"lacks {_listed(lacks)}, which {that} holds")
    if extra := names - expected:
        said.append(f"holds {_listed(extra)}, which {that} lacks")
    return (
        f"its files do not hold the same columns: {this} {' and '.join(said)}; write the "
        "folder again with one set of columns"
    )


def _name(file: str, folder: Path) -> str:
    path = Path(file)
    return str(path.relative_to(folder)) if path.is_relative_to(folder) else str(path)
