"""A seeded sample of rows, for figures whose cost would otherwise grow with the data.

Permutation importance and the training metric are estimates that need thousands of rows,
not millions: beyond a limit both are taken on a seeded sample (the same rows on every rerun
with the same seed), and on all rows below it.
"""

from __future__ import annotations

from typing import Any


def seeded_sample(features: Any, labels: Any, limit: int, seed: int) -> tuple[Any, Any]:
    """At most ``limit`` rows of ``features`` and ``labels``, drawn without replacement.

    Args:
        features: A frame of rows.
        labels: Their labels: a series or an array of the same length.
        limit: The most rows to keep.
        seed: Seed of the draw.

    Returns:
        ``features`` and ``labels`` unchanged when they have ``limit`` rows or fewer; otherwise
        the same ``limit`` rows of each, in their original order.
    """
    if len(features) <= limit:
        return features, labels
    import numpy as np

    keep = np.sort(np.random.default_rng(seed).choice(len(features), limit, replace=False))
    kept = labels.iloc[keep] if hasattr(labels, "iloc") else np.asarray(labels)[keep]
    return features.iloc[keep], kept
