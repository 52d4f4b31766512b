"""How far is a local ``train`` from its floor, at the bundled size and at 100x the data?

Run: ``python3 .ci/dev.py run python benchmarks/lifecycle.py [--runs N] [--scale 1 100]``.
Each round runs, in new processes and alternating their order, the whole ``train`` command
(validate, prep, train, evaluate, gate, register, in a new working directory) and its floor
(``benchmarks/_train_floor.py``: one process importing pandas, scikit-learn and MLflow, reading
the same file, fitting the same pipeline and predicting the holdout). Data at 100x is drawn by
the project's own generator (``reference_impl.data.generate``) into a temporary folder. Both
run with one OpenMP thread. Goal: at most 1.2x at each size.
"""

from __future__ import annotations

import argparse
import dataclasses
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

            def train(data: Path = data) -> float:
                workdir = folder / f"w{next(fresh)}"  # a new working directory every run
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


if __name__ == "__main__":
    main()
