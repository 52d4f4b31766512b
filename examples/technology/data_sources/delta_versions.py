"""Read one exact version of a Delta table without Spark, and record it for the model."""

import tempfile
from pathlib import Path

import pandas as pd
from deltalake import DeltaTable, write_deltalake


def main() -> None:
    """Write a table twice, read both versions back and print the data reference to keep."""
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "curated" / "customers"
        first = pd.DataFrame({"customer_id": ["c1", "c2"], "tenure_months": [3, 40]})
        write_deltalake(table, first)
        write_deltalake(
            table, pd.DataFrame({"customer_id": ["c3"], "tenure_months": [12]}), mode="append"
        )
        # --8<-- [start:time-travel]
        latest = DeltaTable(table)
        as_trained = DeltaTable(table, version=0)  # (1)!
        print("latest version", latest.version(), "rows", len(latest.to_pandas()))
        print("version", as_trained.version(), "rows", len(as_trained.to_pandas()))
        data_reference = {
            "data.uri": "azureml://datastores/curated/paths/customers/",
            "data.delta_version": str(as_trained.version()),
        }
        print(data_reference)  # (2)!
        # --8<-- [end:time-travel]


if __name__ == "__main__":
    main()
