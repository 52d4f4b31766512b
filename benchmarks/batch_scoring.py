"""Batch scoring rows/s at 1 M rows against raw ``predict_proba`` on the same rows, same run.

Run: ``python3 .ci/dev.py run python benchmarks/batch_scoring.py`` (a few minutes).

It generates 1,000,000 customers with the data generator (seeded), writes them as one CSV
file, fits the default pipeline on the bundled training data and saves it as a model folder.
Then, interleaved over :data:`ROUNDS` rounds (alternating which side goes first):

- **figure**: the batch driver's ``run([file])`` — read, check every row against the contract,
  score, and build the output rows — as rows per second;
- **floor**: the fitted pipeline's ``predict_proba`` on the same rows already in memory (no
  reading, no checks), as rows per second.

It prints min / median of each, the ratio of medians (issue 17 goal: >= 0.8), the peak
resident memory of this process, and that of a new process that only runs the driver on the
file (the driver reads a plain CSV file in parts, so this grows with the part size, the file's
bytes and the output rows, not with a frame of the whole file). OpenMP is pinned to one thread
on both sides.
"""

from __future__ import annotations

import os

os.environ["OMP_NUM_THREADS"] = "1"  # before numpy/scikit-learn load OpenMP
os.environ["OPENBLAS_NUM_THREADS"] = "1"

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from reference_impl.config import load_config
from reference_impl.contract import load_contract
from reference_impl.data import TRAINING_DATA
from reference_impl.data.generate import DataFile, generate
from reference_impl.modeling.estimator import build_pipeline
from reference_impl.modeling.packaging import save_model

CONTRACT = load_contract()

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
ROUNDS = 3


def fit(folder: Path):
    config = load_config("dev")
    training, model = config.training, config.model
    frame = pd.read_csv(TRAINING_DATA)
    features = frame[CONTRACT.feature_names]
    pipeline = build_pipeline(
        CONTRACT,
        estimator=model.estimator,
        params=model.params,
        seed=training.seed,
    ).fit(features, frame[CONTRACT.label])
    save_model(pipeline, folder / "model", CONTRACT, 0.35, features.head(3))
    return pipeline


DRIVER_ONLY = """
import os, sys
os.environ["AZUREML_MODEL_DIR"] = sys.argv[1]
from reference_impl.scoring import batch_driver
batch_driver.init()
scored = batch_driver.run([sys.argv[2]])
status = open("/proc/self/status").read().splitlines()
print(len(scored), next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024)
"""
"""The driver alone in a new process; prints its rows and its peak resident memory (MB).

The peak is the kernel's high-water mark of this process's own memory (``VmHWM``), not
``getrusage``'s ``ru_maxrss``: Linux carries the parent's resident size across ``fork`` and
``exec`` into ``ru_maxrss``, which made this figure read as the benchmark's own 989 MB.
"""


def driver_peak(model_folder: Path, path: Path) -> float:
    """Peak resident memory (MB) of a new process that scores ``path`` with the driver alone."""
    done = subprocess.run(
        [sys.executable, "-c", DRIVER_ONLY, str(model_folder), str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "OMP_NUM_THREADS": "1"},
    )
    rows, peak = done.stdout.split()
    assert int(rows) == ROWS
    return float(peak)


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        pipeline = fit(folder)
        rows = generate(DataFile("big.csv", rows=ROWS, seed=7, id_prefix="B", labelled=False))
        path = folder / "big.csv"
        rows.to_csv(path, index=False)
        features = rows[CONTRACT.feature_names]
        size_mb = path.stat().st_size / 1e6
        os.environ["AZUREML_MODEL_DIR"] = str(folder)
        from reference_impl.scoring import batch_driver

        batch_driver.init()
        timings: dict[str, list[float]] = {"driver": [], "raw": []}
        for number in range(ROUNDS):
            sides = [("driver", lambda: batch_driver.run([str(path)]))]
            sides.append(("raw", lambda: pipeline.predict_proba(features)))
            for side, call in sides if number % 2 == 0 else sides[::-1]:
                started = time.perf_counter()
                result = call()
                timings[side].append(time.perf_counter() - started)
                assert len(result) == ROWS
                del result
            driver_peak_mb = driver_peak(folder, path)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rate = {side: [ROWS / s for s in seconds] for side, seconds in timings.items()}
    driver, raw = statistics.median(rate["driver"]), statistics.median(rate["raw"])
    print(f"{ROWS:,} rows in one CSV file ({size_mb:.0f} MB); {ROUNDS} interleaved rounds")
    print(f"  {'':<44}{'min rows/s':>12}{'median':>12}")
    print(
        f"  {'figure: batch driver run() (read+check+score)':<44}"
        f"{min(rate['driver']):12,.0f}{driver:12,.0f}"
    )
    print(
        f"  {'floor: raw predict_proba, rows in memory':<44}{min(rate['raw']):12,.0f}{raw:12,.0f}"
    )
    print(f"  ratio (medians) {driver / raw:.2f}   goal >= 0.80")
    print(
        f"result: batch scoring, {ROWS:,} rows (rows/s, median) | {driver:,.0f} | {raw:,.0f} | "
        f"{driver / raw:.2f} | >= 0.80"
    )
    print(f"  peak resident memory of this process (it holds the rows too): {peak_mb:,.0f} MB")
    print(
        f"  peak resident memory of a process that only runs the driver on the file: "
        f"{driver_peak_mb:,.0f} MB (file {size_mb:,.0f} MB; parts of "
        f"{batch_driver.PART_BYTES >> 20} MB)"
    )


if __name__ == "__main__":
    main()
