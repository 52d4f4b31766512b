"""How far is a local ``train`` from its floor, at the bundled size and at 100x the data?

Run: ``python3 .ci/dev.py run python benchmarks/lifecycle.py [--runs N] [--scale 1 100]``.
Each round runs, in new processes and alternating their order, the whole ``train`` command
(validate, prep, train, evaluate, gate, register, in a new working directory) and its floor
(``benchmarks/_train_floor.py``: one process importing pandas, scikit-learn and MLflow, reading
the same file, fitting the same pipeline and predicting the holdout). Data at 100x is drawn by
the project's own generator (``reference_impl.data.generate``) into a temporary folder. Both
run with one OpenMP thread. Goal: at most 1.2x at each size. Where ``train``'s time goes is
printed too: each step's median seconds, read from the nested MLflow runs the timed runs wrote.
"""

from __future__ import annotations

import argparse
import dataclasses
import sqlite3
import statistics
import sys
import tempfile
from itertools import count
from pathlib import Path

from _timing import ROOT, interleave, report, timed_process

GOAL = 1.2


def data_file(folder: Path, scale: int) -> Path:
    """The bundled training CSV, or ``scale`` times as many rows drawn by the generator."""
    from reference_impl.data import TRAINING_DATA

    if scale == 1:
        return TRAINING_DATA
    from reference_impl.data.generate import FILES, generate

    spec = next(spec for spec in FILES if spec.labelled)
    bigger = dataclasses.replace(spec, rows=spec.rows * scale)
    path = folder / f"customers-x{scale}.csv"
    generate(bigger).to_csv(path, index=False, lineterminator="\n")
    return path


def step_seconds(workdirs: list[Path]) -> dict[str, float]:
    """Median seconds of each step over the runs in ``workdirs``, in the order the steps ran.

    Every ``train`` run is a parent MLflow run with one nested run per step; their start and
    end times (milliseconds) are in the working directory's ``mlflow.db``.
    """
    seconds: dict[str, list[float]] = {}
    for workdir in workdirs:
        with sqlite3.connect(workdir / "mlflow.db") as store:
            rows = store.execute(
                "SELECT r.name, r.end_time - r.start_time FROM runs r JOIN tags t"
                " ON t.run_uuid = r.run_uuid AND t.key = 'mlflow.parentRunId'"
                " ORDER BY r.start_time"
            ).fetchall()
        for name, millis in rows:
            seconds.setdefault(name, []).append(millis / 1000)
    return {name: statistics.median(times) for name, times in seconds.items()}


def main(argv: list[str] | None = None) -> None:
    """Time ``train`` and its floor alternately at each scale and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 100])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        fresh = count()
        for scale in args.scale:
            data = data_file(folder, scale)

            workdirs: list[Path] = []

            def train(data: Path = data, workdirs: list[Path] = workdirs) -> float:
                workdir = folder / f"w{next(fresh)}"  # a new working directory every run
                workdirs.append(workdir)
                cmd = [sys.executable, "-m", "reference_impl", "train", "--target", "local"]
                return timed_process([*cmd, "--workdir", str(workdir), "--data", str(data)])

            def floor(data: Path = data) -> float:
                return timed_process(
                    [sys.executable, str(ROOT / "benchmarks/_train_floor.py"), str(data)]
                )

            floor()  # warm the file cache once
            figure, floor_sample = interleave(
                args.runs, train, floor, (f"train x{scale}", f"floor x{scale}")
            )
            rows = sum(1 for _ in data.open(encoding="utf-8")) - 1
            print(f"data x{scale}: {rows} rows ({data.name}); runs: {args.runs} each, interleaved")
            report(f"local train x{scale}", figure, floor_sample, GOAL)
            steps = step_seconds(workdirs)
            print(
                f"train x{scale} steps, median s: "
                + ", ".join(f"{name} {value:.2f}" for name, value in steps.items())
                + f" (sum {sum(steps.values()):.2f}; the rest is start-up, imports and the store)"
            )


if __name__ == "__main__":
    main()
