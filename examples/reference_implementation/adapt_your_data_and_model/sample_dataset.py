"""Write a sample of a table that is not the churn data: one of scikit-learn's bundled datasets.

The file stands in for a team's own export: one row per case, an identifier column, numeric
measurements and a label. ``contract infer`` proposes a contract from it and
``train --contract`` trains on it, with no Python change to the project. Three datasets, one
per task: ``breast_cancer`` (binary, the default), ``wine`` (three classes) and ``diabetes``
(a number).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

DATASETS = {  # name: the task its label fits, for --task of `contract infer`
    "breast_cancer": "binary",  # 569 tissue samples; target 1 benign, 0 malignant
    "wine": "multiclass",  # 178 wines; target 0, 1 or 2: the grower
    "diabetes": "regression",  # 442 patients; target: disease progression after a year
}


# --8<-- [start:write-sample]
def write_sample(out: Path, dataset: str = "breast_cancer") -> tuple[int, int]:
    """Write a bundled scikit-learn table as a CSV with a ``sample_id`` column first.

    Args:
        out: The CSV file to write; its folder is created if needed.
        dataset: A key of :data:`DATASETS`.

    Returns:
        Rows and columns written.
    """
    from sklearn import datasets  # bundled with scikit-learn: no download

    frame = getattr(datasets, f"load_{dataset}")(as_frame=True).frame  # label: "target"
    frame.columns = [str(name).replace(" ", "_").replace("/", "_") for name in frame.columns]
    frame.insert(0, "sample_id", [f"s{number:04d}" for number in range(len(frame))])
    out.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(out, index=False)
    return frame.shape
    # --8<-- [end:write-sample]


def main(argv: Sequence[str] | None = None) -> None:
    """Parse ``--dataset`` and ``--out`` and write the sample.

    Args:
        argv: Command-line arguments; ``None`` reads ``sys.argv``. Other arguments are
            ignored, so the module also runs inside a test runner whose own arguments are in
            ``sys.argv``.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], allow_abbrev=False)
    parser.add_argument(
        "--dataset", choices=DATASETS, default="breast_cancer", help="the table to write"
    )
    parser.add_argument(
        "--out", type=Path, help="the CSV file to write (default: the dataset's name, .csv)"
    )
    args, _ = parser.parse_known_args(argv)
    out = args.out or Path(f"{args.dataset.replace('_', '-')}.csv")
    rows, columns = write_sample(out, args.dataset)
    print(f"wrote {out}: {rows} rows, {columns} columns (sample_id, measurements, target)")


if __name__ == "__main__":
    main()
