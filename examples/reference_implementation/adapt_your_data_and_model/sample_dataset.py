"""Write a sample of a table that is not the churn data: scikit-learn's breast-cancer dataset.

The file stands in for a team's own export: one row per case, an identifier column, 30
numeric measurements and a 0/1 label. ``contract infer`` proposes a contract from it and
``train --contract`` trains on it, with no Python change to the project.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path


# --8<-- [start:write-sample]
def write_sample(out: Path) -> tuple[int, int]:
    """Write the breast-cancer table as a CSV with a ``sample_id`` column first.

    Args:
        out: The CSV file to write; its folder is created if needed.

    Returns:
        Rows and columns written.
    """
    from sklearn.datasets import load_breast_cancer  # bundled with scikit-learn: no download

    frame = load_breast_cancer(as_frame=True).frame  # label "target": 1 benign, 0 malignant
    frame.columns = [str(name).replace(" ", "_") for name in frame.columns]
    frame.insert(0, "sample_id", [f"s{number:04d}" for number in range(len(frame))])
    out.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(out, index=False)
    return frame.shape
    # --8<-- [end:write-sample]


def main(argv: Sequence[str] | None = None) -> None:
    """Parse ``--out`` and write the sample.

    Args:
        argv: Command-line arguments; ``None`` reads ``sys.argv``. Arguments other than
            ``--out`` are ignored, so the module also runs inside a test runner whose own
            arguments are in ``sys.argv``.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], allow_abbrev=False)
    parser.add_argument(
        "--out", type=Path, default=Path("breast-cancer.csv"), help="the CSV file to write"
    )
    args, _ = parser.parse_known_args(argv)
    rows, columns = write_sample(args.out)
    print(f"wrote {args.out}: {rows} rows, {columns} columns (sample_id, measurements, target)")


if __name__ == "__main__":
    main()
