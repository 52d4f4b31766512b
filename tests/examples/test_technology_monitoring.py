"""Claims of docs/technology/monitoring.md."""

from pathlib import Path

from examples.technology.monitoring import drift_report


def test_fresh_batch_keeps_the_champion_and_drifted_batch_asks_for_retraining(
    tmp_path: Path, capsys
):
    drift_report.main(tmp_path)
    assert capsys.readouterr().out.splitlines() == [
        "week-01.csv: keep the champion; drifted: []",
        "week-02.csv: retrain; drifted: ['support_calls_90d', 'monthly_charges', 'contract']",
        "plot: drift.png",
    ]
    generated = Path(__file__).resolve().parents[2] / "docs" / "assets" / "generated"
    assert (generated / "drift.png").read_bytes() == (tmp_path / "drift.png").read_bytes(), (
        "drift.png is stale; regenerate it (see the example's docstring)"
    )
