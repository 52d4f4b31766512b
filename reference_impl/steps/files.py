"""Small file helpers shared by the steps: JSON in and out, and the CSV inside a folder port."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from reference_impl.contract import CONTRACT


def write_json(path: Path, payload: Any) -> Path:
    """Write ``payload`` as indented, key-sorted JSON.

    Args:
        path: Destination file.
        payload: JSON-serialisable value.

    Returns:
        ``path``.
    """
    path.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def read_json(path: Path) -> Any:
    """Read a JSON file.

    Args:
        path: Source file.

    Returns:
        The decoded value.
    """
    return json.loads(path.read_text(encoding="utf-8"))


def read_folder_csv(folder: Path, name: str) -> pd.DataFrame:
    """Read ``folder/name`` written by an earlier step (already validated, so no checks).

    Args:
        folder: A step's output folder.
        name: CSV file name inside it.

    Returns:
        The rows; the customer id stays text (``00123`` is not the number 123).
    """
    return pd.read_csv(folder / name, dtype={CONTRACT.id_column: str})
