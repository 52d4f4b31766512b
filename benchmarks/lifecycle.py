"""End-to-end ``train`` wall time next to a bare scikit-learn fit + predict on the same data.

Run: ``.venv/bin/python benchmarks/lifecycle.py``. Everything is written to a temporary folder.
Figures: a cold run (new working directory: MLflow creates its SQLite schema), a warm run
(same directory, a second version), and the median of raw fit+predict of the same pipeline.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from reference_impl.config import load_config
from reference_impl.contract import CONTRACT
from reference_impl.data import TRAINING_DATA
from reference_impl.modeling.estimator import build_pipeline
from reference_impl.steps.prep import split

ROOT = Path(__file__).resolve().parent.parent
RAW_REPEATS = 5


def train_wall_time(workdir: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "reference_impl",
            "train",
            "--target",
            "local",
            "--workdir",
            str(workdir),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def raw_fit_predict() -> float:
    settings = load_config("dev").training
    train, holdout = split(pd.read_csv(TRAINING_DATA), settings.holdout_percent)
    features = CONTRACT.feature_names
    times = []
    for _ in range(RAW_REPEATS):
        started = time.perf_counter()
        model = build_pipeline(
            CONTRACT,
            model_type=settings.model_type,
            seed=settings.seed,
            max_iter=settings.max_iter,
            learning_rate=settings.learning_rate,
            max_leaf_nodes=settings.max_leaf_nodes,
        ).fit(train[features], train[CONTRACT.label])
        model.predict_proba(holdout[features])
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        cold = train_wall_time(Path(folder) / "w")
        warm = train_wall_time(Path(folder) / "w")
    raw = raw_fit_predict()
    rows = len(pd.read_csv(TRAINING_DATA))
    print(f"data: {rows} rows ({TRAINING_DATA.name})")
    print(f"train, cold (new workdir, subprocess): {cold:6.2f} s")
    print(f"train, warm (second run, subprocess):  {warm:6.2f} s")
    print(f"raw scikit-learn fit + predict:        {raw:6.2f} s (median of {RAW_REPEATS})")
    print(f"ratio warm train / raw:                {warm / raw:6.1f}x")


if __name__ == "__main__":
    main()
