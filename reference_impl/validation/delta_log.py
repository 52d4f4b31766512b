"""Whether a Delta table's log marks rows as deleted with deletion vectors.

Databricks turns the ``deletionVectors`` table feature on for new tables when the workspace's
*Auto-enable deletion vectors* setting is on, and the feature stays on a table that never had
a row deleted. Only a data file whose ``add`` action carries a ``deletionVector`` has rows the
table no longer holds. deltalake exposes no such field (``get_add_actions`` has none), so this
reads the log itself: each commit still in ``_delta_log`` (JSON lines) and each checkpoint,
with the sidecar files of a v2 checkpoint. It is conservative: a deletion vector anywhere in
the log counts, even on a file a later commit removed.
"""

from __future__ import annotations

import json
from pathlib import Path

DELTA_LOG = "_delta_log"
"""The folder of a Delta table's log; a folder holding one is a table."""
_MARK = b'"deletionVector"'


def _in_commit(path: Path) -> bool:
    """Whether a JSON log file (a commit, or a v2 checkpoint written as JSON) adds a vector."""
    with path.open("rb") as lines:
        for line in lines:
            if _MARK in line and (json.loads(line).get("add") or {}).get("deletionVector"):
                return True
    return False


def _in_checkpoint(path: Path) -> bool:
    """Whether a Parquet checkpoint (or sidecar) holds an ``add`` with a deletion vector."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    schema = pq.read_schema(path)
    if "add" not in schema.names:
        return False
    add = pq.read_table(path, columns=["add"]).column("add")
    if "deletionVector" not in [field.name for field in add.type]:
        return False
    return bool(pc.any(pc.is_valid(pc.struct_field(add, "deletionVector"))).as_py())


def has_deletion_vectors(table: Path) -> bool:
    """Whether any file of the Delta table at ``table`` is marked with deleted rows.

    Args:
        table: The table's folder (it holds ``_delta_log``).

    Returns:
        ``True`` when a commit or checkpoint still in the log adds a file with a deletion
        vector; ``False`` for a table that has the feature but never used it.
    """
    log = table / DELTA_LOG
    parquet = [*log.glob("*.checkpoint*.parquet"), *(log / "_sidecars").glob("*.parquet")]
    return any(_in_commit(p) for p in log.glob("*.json")) or any(map(_in_checkpoint, parquet))
