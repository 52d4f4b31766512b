"""The training baseline: how each feature was distributed in the data the model learned from.

The ``train`` step writes this profile next to the model and logs it to MLflow, so the
monitor compares new data with exactly the rows the serving model was trained on.
Numeric features are cut at the baseline's quantiles (intervals closed on the right,
open-ended at both sides); categorical features count each allowed value plus ``other``.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import numpy as np
import pandas as pd

from reference_impl.contract import DataContract, Feature

OTHER = "other"
EMPTY = "empty"
"""Key set on a nullable feature's profile entry, and the label of its last bin."""


def numeric_edges(values: pd.Series, bins: int) -> list[float]:
    """Inner bin edges at the baseline's quantiles (ties collapse into fewer bins).

    Args:
        values: Baseline values of one numeric feature.
        bins: Wanted number of bins.

    Returns:
        Sorted unique edges; ``len(edges) + 1`` bins.
    """
    quantiles = np.quantile(
        values.dropna().to_numpy(dtype=float), np.linspace(0, 1, bins + 1)[1:-1]
    )
    return sorted({float(edge) for edge in quantiles})


def shares(values: pd.Series, spec: dict[str, Any]) -> np.ndarray:
    """Share of ``values`` in each bin (numeric) or category (categorical) of a profile entry.

    Empty and non-numeric values are left out, and data quality reports them separately;
    for a nullable feature, the empty cells are a last bin of their own.

    Args:
        values: Values of one feature.
        spec: The feature's entry in a profile (``edges`` or ``categories``).

    Returns:
        Shares summing to 1 (all zeros when nothing is left).
    """
    if "edges" in spec:
        numbers = pd.to_numeric(values, errors="coerce").dropna().to_numpy(dtype=float)
        counts = np.bincount(
            np.searchsorted(spec["edges"], numbers, side="left"), minlength=len(spec["edges"]) + 1
        )
    else:
        text = values.dropna().astype(str)
        known = spec["categories"][:-1]
        counts = np.array(
            [int((text == c).sum()) for c in known] + [int((~text.isin(known)).sum())]
        )
    if spec.get(EMPTY):  # a nullable feature: how often it is empty is part of its shape
        counts = np.append(counts, int(values.isna().sum()))
    total = counts.sum()
    return counts / total if total else counts.astype(float)


def bin_labels(spec: dict[str, Any]) -> list[str]:
    """Readable names of a profile entry's bins (``<=12``, ``12-24``, ``>60``) or categories.

    Args:
        spec: The feature's entry in a profile.

    Returns:
        One label per share.
    """
    empty = [EMPTY] if spec.get(EMPTY) else []
    if "categories" in spec:
        return [*spec["categories"], *empty]
    edges = [f"{edge:g}" for edge in spec["edges"]]
    if not edges:
        return ["all", *empty]
    middle = [f"{low}-{high}" for low, high in pairwise(edges)]
    return [f"<={edges[0]}", *middle, f">{edges[-1]}", *empty]


def _entry(values: pd.Series, feature: Feature, bins: int) -> dict[str, Any]:
    if feature.is_numeric:
        spec: dict[str, Any] = {"kind": "numeric", "edges": numeric_edges(values, bins)}
    else:
        spec = {"kind": "category", "categories": [*feature.categories, OTHER]}
    if feature.nullable:
        spec[EMPTY] = True
    spec["shares"] = [round(float(x), 6) for x in shares(values, spec)]
    return spec


# --8<-- [start:build-profile]
def build_profile(frame: pd.DataFrame, contract: DataContract, bins: int) -> dict[str, Any]:
    """Profile every feature of the training rows.

    Args:
        frame: Training rows.
        contract: The data contract.
        bins: Quantile bins per numeric feature.

    Returns:
        ``{"rows": n, "features": {name: {"kind", "edges" | "categories", "shares"}}}``; a
        nullable feature's entry has ``"empty": true`` and an empty-cell share last.
    """
    return {
        "rows": len(frame),
        "features": {f.name: _entry(frame[f.name], f, bins) for f in contract.features},
    }
    # --8<-- [end:build-profile]
