"""The request a smoke test sends a new deployment, built from the model's data contract.

A fixed sample file only fits the table it was cut from: its rows, from the bundled sample,
made every smoke test of a model trained on another table fail with ``unexpected field(s)``,
so such a model could never be released. Rows built from the contract fit any table the
project is pointed at, and they probe the edges: each number at its minimum, its middle and
its maximum, each category list read in turn.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from reference_impl.contract import DataContract, Feature

ROWS = 3
"""Rows in a smoke request: every feature's minimum, middle and maximum."""

SMOKE_FILE = "smoke_request.json"
"""The request's file name (the SDK sends a file; a dry run writes it beside the YAML)."""


# --8<-- [start:smoke-rows]
def smoke_request(contract: DataContract) -> dict[str, list[dict[str, Any]]]:
    """A scoring request every deployment of a model trained on ``contract`` must answer.

    Args:
        contract: The data contract the model was trained with.

    Returns:
        ``{"data": [row, row, row]}``: the features only (no id, label or ignored column,
        which an online request must not send), each row inside the contract's rules; with
        nullable features, a fourth row: the middle one with those features ``null``.
    """
    rows = [{f.name: _value(f, row) for f in contract.features} for row in range(ROWS)]
    if contract.nullable_names:  # the gaps a deployment must fill too
        rows.append({f.name: None if f.nullable else _value(f, 1) for f in contract.features})
    return {"data": rows}


def _value(feature: Feature, row: int) -> Any:
    """Row 0 takes each range's minimum, row 1 its middle, row 2 its maximum."""
    if feature.kind == "category":
        return feature.categories[row % len(feature.categories)]
    assert feature.minimum is not None and feature.maximum is not None  # a number has both
    low, high = feature.minimum, feature.maximum
    if feature.kind == "integer":  # the whole numbers inside the range
        low, high = math.ceil(low), max(math.ceil(low), math.floor(high))
        return [low, (low + high) // 2, high][row]
    return [low, (low + high) / 2, high][row]
    # --8<-- [end:smoke-rows]


def write_smoke_request(folder: Path, contract: DataContract) -> Path:
    """Write :func:`smoke_request` as ``folder/smoke_request.json``.

    Args:
        folder: An existing folder.
        contract: The model's data contract.

    Returns:
        The file.
    """
    path = folder / SMOKE_FILE
    path.write_text(json.dumps(smoke_request(contract), indent=2) + "\n", encoding="utf-8")
    return path
