"""The drift plot: PSI per feature next to the distribution of the most drifted feature."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np


def drift_plot(report: dict[str, Any], psi_threshold: float, path: Path) -> Path:
    """Save a two-panel PNG: PSI bars with the threshold, and baseline vs current shares.

    Args:
        report: A report of :func:`~reference_impl.monitoring.report.drift_report`.
        psi_threshold: The line drawn on the PSI panel.
        path: PNG file to write.

    Returns:
        ``path``.
    """
    from matplotlib.figure import Figure

    features = report["features"]
    names = sorted(features, key=lambda name: features[name]["psi"])
    values = [features[name]["psi"] for name in names]
    figure = Figure(figsize=(9, 4), layout="constrained")
    left, right = figure.subplots(1, 2, width_ratios=[1.1, 1])
    colours = ["#c62828" if features[n]["drifted"] else "#3f51b5" for n in names]
    left.barh(names, values, color=colours)
    left.axvline(psi_threshold, color="black", linestyle="--", label=f"threshold {psi_threshold}")
    left.set_xlabel("population stability index (PSI)")
    left.set_title("Drift per feature")
    left.legend(loc="lower right")
    top = names[-1]
    baseline = features[top]["baseline_shares"]
    current = features[top]["current_shares"]
    positions = np.arange(len(baseline))
    right.bar(positions - 0.2, baseline, width=0.4, label="training baseline", color="#9e9e9e")
    right.bar(positions + 0.2, current, width=0.4, label="current batch", color="#c62828")
    right.set_xticks(positions, features[top]["bins"], rotation=45, ha="right")
    right.set_ylabel("share of rows")
    right.set_title(f"Most drifted: {top}")
    right.legend(loc="upper right")
    figure.savefig(path, dpi=110, metadata={"Software": None})
    return path
