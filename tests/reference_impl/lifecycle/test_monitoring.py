"""Drift monitoring: the drifted batch is flagged, a fresh sample of training data is not."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from reference_impl.config import MonitoringSection
from reference_impl.contract import load_contract
from reference_impl.data import DRIFTED_BATCH, FRESH_BATCH, TRAINING_DATA
from reference_impl.data.generate import DataFile, generate
from reference_impl.monitoring.drift import js_distance, psi
from reference_impl.monitoring.profile import (
    bin_labels,
    build_profile,
    numeric_edges,
    shares,
)
from reference_impl.monitoring.report import drift_report
from tests.reference_impl.lifecycle.conftest import Lifecycle, call

CONTRACT = load_contract()


def monitor(lifecycle: Lifecycle, current: Path) -> tuple[int, str, str]:
    return call(["monitor", "--workdir", str(lifecycle.workdir), "--current", str(current)])


def test_drifted_batch_recommends_retraining(lifecycle: Lifecycle) -> None:
    code, out, _ = monitor(lifecycle, DRIFTED_BATCH)
    assert code == 3
    assert "retraining recommended" in out
    folder = lifecycle.workdir / "monitoring" / "week-02"
    report = json.loads((folder / "report.json").read_text())
    assert report["retrain_recommended"] is True
    assert set(report["drifted_features"]) >= {"monthly_charges", "support_calls_90d", "contract"}
    assert report["drifted_features"][0] == "support_calls_90d"  # sorted by PSI, largest first
    assert report["features"]["age"]["drifted"] is False
    assert report["champion_version"] == "2"
    assert (folder / "drift.png").read_bytes()[:4] == b"\x89PNG"


def test_fresh_sample_of_the_training_population_is_not_flagged(
    lifecycle: Lifecycle, tmp_path: Path
) -> None:
    fresh = tmp_path / "fresh.csv"
    sample = DataFile("fresh.csv", rows=2_000, seed=777, id_prefix="F", labelled=True)
    generate(sample).to_csv(fresh, index=False)
    code, out, _ = monitor(lifecycle, fresh)
    assert code == 0
    assert "no drift: keep the champion" in out
    report = json.loads((lifecycle.workdir / "monitoring" / "fresh" / "report.json").read_text())
    assert report["drifted_features"] == []
    assert max(f["psi"] for f in report["features"].values()) < 0.05


def test_committed_fresh_batch_is_not_flagged(lifecycle: Lifecycle) -> None:
    assert monitor(lifecycle, FRESH_BATCH)[0] == 0


def test_a_threshold_no_drift_can_reach_is_refused_not_reported_as_no_drift(
    lifecycle: Lifecycle,
) -> None:
    more = len(CONTRACT.features) + 1  # set after training: every batch would read "no drift"
    setting = f"monitoring.min_drifted_features={more}"
    code, out, err = call(["monitor", "--workdir", str(lifecycle.workdir), "--current",
                           str(DRIFTED_BATCH), "--set", setting])  # fmt: skip
    assert code == 2, out + err
    assert err == (
        f"error: monitoring.min_drifted_features is {more}, but the contract has "
        f"{more - 1} feature(s): drift could never recommend retraining\n"
    )
    assert out == ""


def test_unreadable_current_file(lifecycle: Lifecycle, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    pd.read_csv(FRESH_BATCH).drop(columns="age").to_csv(bad, index=False)
    code, _, err = monitor(lifecycle, bad)
    assert code == 4
    assert "missing column(s): age" in err


@pytest.fixture(scope="module")
def profile() -> dict:
    return build_profile(pd.read_csv(TRAINING_DATA), CONTRACT, bins=10)


def test_data_quality_is_counted_and_alerts(profile: dict) -> None:
    current = pd.read_csv(FRESH_BATCH).astype({"age": object, "region": object})
    current.loc[:29, "age"] = None
    current.loc[30:39, "age"] = 150
    current.loc[40:44, "age"] = "n/a"
    current.loc[:4, "region"] = "mars"
    report = drift_report(current, profile, CONTRACT, MonitoringSection(max_invalid_share=0.001))
    assert {k: report["features"]["age"][k] for k in ("empty", "out_of_range", "invalid")} == {
        "empty": 30,
        "out_of_range": 10,
        "invalid": 5,
    }
    assert report["features"]["region"]["invalid"] == 5
    assert report["quality_alert"] is True
    assert any("empty, invalid or out of range" in reason for reason in report["reasons"])


def test_psi_and_js_properties() -> None:
    p = [0.25, 0.25, 0.5]
    assert psi(p, p) == 0.0
    assert js_distance(p, p) == 0.0
    assert js_distance([1, 0], [0, 1]) == pytest.approx(1.0)
    assert js_distance(p, [0.5, 0.25, 0.25]) == pytest.approx(js_distance([0.5, 0.25, 0.25], p))
    assert psi([0.5, 0.5], [0.9, 0.1]) > 0.2 > psi([0.5, 0.5], [0.55, 0.45])
    assert np.isfinite(psi([1.0, 0.0], [0.0, 1.0]))


def test_profile_bins(profile: dict) -> None:
    tenure = profile["features"]["tenure_months"]
    assert len(tenure["shares"]) == len(tenure["edges"]) + 1
    assert sum(tenure["shares"]) == pytest.approx(1.0)
    assert bin_labels(tenure)[0].startswith("<=") and bin_labels(tenure)[-1].startswith(">")
    contract = profile["features"]["contract"]
    assert bin_labels(contract) == ["month-to-month", "one-year", "two-year", "other"]
    assert bin_labels({"edges": []}) == ["all"]
    assert numeric_edges(pd.Series([1, 1, 1, 1]), 4) == [1.0]
    assert shares(pd.Series([], dtype=float), tenure).tolist() == [0.0] * len(tenure["shares"])
