"""Run the ``validate`` step on a file exported with semicolons, then on one with bad values."""

import tempfile
from pathlib import Path

import pandas as pd

from reference_impl.data import TRAINING_DATA
from reference_impl.steps import validate


def main() -> None:
    """Show the exit code and messages of two bad training files."""
    good = pd.read_csv(TRAINING_DATA, nrows=1_200)
    with tempfile.TemporaryDirectory() as folder:
        # --8<-- [start:bad-files]
        semicolons = Path(folder) / "export.csv"
        good.to_csv(semicolons, sep=";", index=False)
        broken = Path(folder) / "broken.csv"
        bad = good.astype({"age": object, "plan": object})
        bad.loc[4, "age"], bad.loc[9, "plan"] = 7, "platinum"
        bad.to_csv(broken, index=False)
        for path in (semicolons, broken):
            code = validate.main(
                [
                    "--raw_data",
                    str(path),
                    "--min_rows",
                    "1000",
                    "--contract",
                    "contract.yaml",
                    "--validated_data",
                    folder,
                ]
            )
            print("exit code", code)
        # --8<-- [end:bad-files]


if __name__ == "__main__":
    main()
