"""The monitoring report: per-feature drift, data quality, and the retraining recommendation."""

from __future__ import annotations

from typing import Any

import pandas as pd

from reference_impl.config import MonitoringSection
from reference_impl.contract import DataContract, Feature
from reference_impl.monitoring.drift import js_distance, psi
from reference_impl.monitoring.profile import bin_labels, shares
from reference_impl.validation.true_false import spell_true_false


def quality(values: pd.Series, feature: Feature) -> dict[str, int]:
    """Count empty, malformed and out-of-contract values of one feature.

    Args:
        values: Current values.
        feature: The feature's contract entry.

    Returns:
        ``empty``, ``invalid`` (not a number, or an unknown category) and ``out_of_range``.
    """
    empty = int(values.isna().sum())
    present = values.dropna()
    if feature.is_numeric:
        numbers = pd.to_numeric(present, errors="coerce")
        invalid = int(numbers.isna().sum())
        numbers = numbers.dropna()
        outside = int(((numbers < feature.minimum) | (numbers > feature.maximum)).sum())
    else:
        invalid = int((~present.astype(str).isin(feature.categories)).sum())
        outside = 0
    return {"empty": empty, "invalid": invalid, "out_of_range": outside}


# --8<-- [start:drift-report]
def drift_report(
    current: pd.DataFrame,
    profile: dict[str, Any],
    contract: DataContract,
    settings: MonitoringSection,
) -> dict[str, Any]:
    """Compare ``current`` rows with the training profile.

    Args:
        current: A batch of production rows with the contract's feature columns.
        profile: The training baseline (see :func:`~.profile.build_profile`).
        contract: The data contract.
        settings: Thresholds from the environment configuration.

    Returns:
        ``features`` (per feature: ``psi``, ``js_distance``, ``drifted``, shares and
        quality counts), ``drifted_features``, ``quality_alert``,
        ``retrain_recommended`` and human-readable ``reasons``.
    """
    current = spell_true_false(current, contract)  # Spark's true, Parquet's True: one value
    features: dict[str, Any] = {}
    for feature in contract.features:
        spec = profile["features"][feature.name]
        current_shares = shares(current[feature.name], spec)
        score = psi(spec["shares"], current_shares)
        features[feature.name] = {
            "psi": round(score, 4),
            "js_distance": round(js_distance(spec["shares"], current_shares), 4),
            "drifted": score >= settings.psi_threshold,
            "bins": bin_labels(spec),
            "baseline_shares": spec["shares"],
            "current_shares": [round(float(x), 6) for x in current_shares],
            **quality(current[feature.name], feature),
        }
    drifted = sorted(
        (n for n, f in features.items() if f["drifted"]), key=lambda n: -features[n]["psi"]
    )
    nullable = contract.nullable_names  # an empty cell is allowed there
    bad_cells = sum(
        f["invalid"] + f["out_of_range"] + (0 if n in nullable else f["empty"])
        for n, f in features.items()
    )
    invalid_share = bad_cells / max(len(current) * len(features), 1)
    reasons = [f"{n}: PSI {features[n]['psi']:.2f} >= {settings.psi_threshold}" for n in drifted]
    if invalid_share > settings.max_invalid_share:
        reasons.append(f"{invalid_share:.1%} of values are empty, invalid or out of range")
    return {
        "rows": len(current),
        "baseline_rows": profile["rows"],
        "features": features,
        "drifted_features": drifted,
        "invalid_share": round(invalid_share, 6),
        "quality_alert": invalid_share > settings.max_invalid_share,
        "retrain_recommended": len(drifted) >= settings.min_drifted_features,
        "reasons": reasons,
    }
    # --8<-- [end:drift-report]
