"""Distances between a baseline and a current distribution over the same bins.

* **PSI** (population stability index), the industry rule of thumb: below 0.1 stable,
  0.1 to 0.2 moderate shift, above 0.2 significant shift.
* **Jensen-Shannon distance** (base 2): symmetric and bounded in ``[0, 1]``, and finite
  even when a bin is empty on one side.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

EPSILON = 1e-4


def psi(expected: Sequence[float], actual: Sequence[float]) -> float:
    """Population stability index of ``actual`` against ``expected`` bin shares.

    Args:
        expected: Baseline share per bin (sums to 1).
        actual: Current share per bin, same bins.

    Returns:
        ``sum((a - e) * ln(a / e))``, with empty bins floored at 1e-4.
    """
    e = np.clip(np.asarray(expected, dtype=float), EPSILON, None)
    a = np.clip(np.asarray(actual, dtype=float), EPSILON, None)
    return float(np.sum((a - e) * np.log(a / e)))


def js_distance(expected: Sequence[float], actual: Sequence[float]) -> float:
    """Jensen-Shannon distance (base 2) between two share vectors.

    Args:
        expected: Baseline share per bin.
        actual: Current share per bin.

    Returns:
        A value in ``[0, 1]``; ``0`` for identical distributions.
    """
    p = np.asarray(expected, dtype=float)
    q = np.asarray(actual, dtype=float)
    m = (p + q) / 2

    def _kl(x: np.ndarray) -> float:
        mask = x > 0
        return float(np.sum(x[mask] * np.log2(x[mask] / m[mask])))

    return float(np.sqrt(max((_kl(p) + _kl(q)) / 2, 0.0)))
