"""The sample use case: synthetic telecom customers and whether they cancelled.

See ``README.md`` in this folder for the columns, how the labels are drawn and the seeds.
"""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
TRAINING_DATA = DATA_DIR / "customers.csv"
BATCH_DIR = DATA_DIR / "batch"
FRESH_BATCH = BATCH_DIR / "week-01.csv"
DRIFTED_BATCH = BATCH_DIR / "week-02.csv"
SAMPLE_REQUEST = DATA_DIR / "sample-request.json"
LAKE_DIR = DATA_DIR / "lake"
TRAINING_PARQUET = LAKE_DIR / "raw" / "customers"
TRAINING_DELTA = LAKE_DIR / "curated" / "customers"
BATCH_PARQUET = LAKE_DIR / "raw" / "batch" / "week-01.parquet"
