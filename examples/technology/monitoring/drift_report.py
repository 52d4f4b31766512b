"""Compare two weekly batches with the training baseline and draw the drift plot.

The image on the monitoring page comes from this file. To regenerate it::

    python -c "from pathlib import Path; from examples.technology.monitoring.drift_report import main; main(Path('docs/assets/generated'))"
"""  # noqa: E501

import tempfile
from pathlib import Path

import pandas as pd

from reference_impl.config import load_config
from reference_impl.contract import load_contract
from reference_impl.data import DRIFTED_BATCH, FRESH_BATCH, TRAINING_DATA
from reference_impl.monitoring.plot import drift_plot
from reference_impl.monitoring.profile import build_profile
from reference_impl.monitoring.report import drift_report

CONTRACT = load_contract()


def main(output: Path | None = None) -> None:
    """Print the verdict for both batches and write ``drift.png`` for the drifted one.

    Args:
        output: Folder for the PNG file; a temporary folder when ``None``.
    """
    # --8<-- [start:compare-batches]
    settings = load_config("dev").monitoring
    baseline = build_profile(pd.read_csv(TRAINING_DATA), CONTRACT, settings.bins)
    for batch in (FRESH_BATCH, DRIFTED_BATCH):
        report = drift_report(pd.read_csv(batch), baseline, CONTRACT, settings)
        verdict = "retrain" if report["retrain_recommended"] else "keep the champion"
        print(f"{batch.name}: {verdict}; drifted: {report['drifted_features']}")
    # --8<-- [end:compare-batches]
    with tempfile.TemporaryDirectory() as scratch:
        path = drift_plot(report, settings.psi_threshold, (output or Path(scratch)) / "drift.png")
        print("plot:", path.name)


if __name__ == "__main__":
    main()
