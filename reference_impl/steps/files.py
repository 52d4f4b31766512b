"""Small file helpers shared by the steps: JSON in and out, and the rows inside a folder port.

Rows travel between steps as Parquet, not CSV: writing a million rows takes about a sixth of
the time, reading them back is no slower, and every column keeps the type ``validate`` gave it
(an id such as ``00123`` stays text without being told). The training data a team brings is
read as it comes (CSV, Parquet or a Delta table).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from reference_impl.contract import DataContract, parse_contract

CONTRACT_JSON = "contract.json"
"""The contract the ``validate`` step checked the rows against; it travels with them."""
VALIDATED_ROWS = "data.parquet"
"""The rows ``validate`` checked, in its output folder."""
TRAINING_ROWS = "train.parquet"
"""The rows ``prep`` keeps for training."""
HOLDOUT_ROWS = "holdout.parquet"
"""The rows ``prep`` keeps aside; ``gate`` logs this file as the champion's reference holdout."""
MODEL_CARD = "model_card.md"
"""The model card ``review`` writes; ``register`` makes it the model version's description."""


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


def write_contract(folder: Path, contract: DataContract) -> Path:
    """Store the contract next to the rows checked against it.

    Args:
        folder: A step's output folder.
        contract: The contract.

    Returns:
        The written ``contract.json``.
    """
    return write_json(folder / CONTRACT_JSON, contract.model_dump(mode="json"))


def read_contract(folder: Path) -> DataContract:
    """Read the contract stored by :func:`write_contract`.

    Args:
        folder: A step's output folder.

    Returns:
        The contract.
    """
    return parse_contract(read_json(folder / CONTRACT_JSON), str(folder / CONTRACT_JSON))


def write_rows(frame: pd.DataFrame, folder: Path, name: str) -> Path:
    """Write rows for a later step: ``folder/name`` as Parquet, without the index.

    Args:
        frame: The rows.
        folder: A step's output folder.
        name: File name inside it (:data:`VALIDATED_ROWS`, :data:`TRAINING_ROWS` or
            :data:`HOLDOUT_ROWS`).

    Returns:
        The written file.
    """
    path = folder / name
    frame.to_parquet(path, index=False)
    return path


def read_rows(folder: Path, name: str) -> pd.DataFrame:
    """Read ``folder/name`` written by an earlier step (already validated, so no checks).

    Args:
        folder: A step's output folder.
        name: File name inside it, written by :func:`write_rows`.

    Returns:
        The rows, with the types they were written with.
    """
    return pd.read_parquet(folder / name)
