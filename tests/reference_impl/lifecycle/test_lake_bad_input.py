"""Bad lake input: a sentence naming the input, exit 4 (data) or 2 (configuration), no model."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from reference_impl.data import TRAINING_DATA, TRAINING_DELTA
from reference_impl.exit_codes import ExitCode
from tests.reference_impl.lifecycle.conftest import train


def nothing_registered(workdir: Path) -> bool:
    import mlflow
    from mlflow import MlflowClient

    from reference_impl.tracking import use_workdir
    from reference_impl.workdir import Workdir

    if not (workdir / "mlflow.db").exists():
        return True
    use_workdir(Workdir.at(workdir))
    return MlflowClient(mlflow.get_tracking_uri()).search_model_versions() == []


def delta_without_log(tmp_path: Path) -> Path:
    table = tmp_path / "customers"
    shutil.copytree(TRAINING_DELTA, table)
    shutil.rmtree(table / "_delta_log")
    return table


def delta_with_empty_log(tmp_path: Path) -> Path:
    table = tmp_path / "customers"
    shutil.copytree(TRAINING_DELTA, table)
    for entry in (table / "_delta_log").iterdir():
        entry.unlink()
    return table


def parquet_missing_a_column(tmp_path: Path) -> Path:
    path = tmp_path / "customers.parquet"
    pd.read_csv(TRAINING_DATA).drop(columns=["tenure_months"]).to_parquet(path)
    return path


def parquet_with_text_in_a_number_column(tmp_path: Path) -> Path:
    path = tmp_path / "customers.parquet"
    frame = pd.read_csv(TRAINING_DATA)
    frame["tenure_months"] = frame["tenure_months"].astype(str)
    frame.loc[3, "tenure_months"] = "three"
    frame.to_parquet(path)
    return path


def empty_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "empty"
    folder.mkdir()
    return folder


def spark_csv_folder(tmp_path: Path, *, header: bool = True) -> Path:
    """What ``df.write.csv(path, header=...)`` leaves: parts, empty ones, ``_SUCCESS``, ``.crc``."""
    folder = tmp_path / "customers.csv"
    folder.mkdir()
    first, *rows = TRAINING_DATA.read_text(encoding="utf-8").splitlines()
    for number, part in enumerate((rows[:5000], rows[5000:], [])):
        name = f"part-0000{number}-1b2c3d4e-5f60-4718-9a0b-1c2d3e4f5a6b-c000.csv"
        lines = [first, *part] if header and part else part
        (folder / name).write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        (folder / f".{name}.crc").write_bytes(b"crc\x00\x01")
    if header:  # a partition with no rows, as a writer with a header may leave it
        (folder / "part-00003-1b2c3d4e-5f60-4718-9a0b-1c2d3e4f5a6b-c000.csv").write_text(
            f"{first}\n", encoding="utf-8"
        )
    (folder / "_SUCCESS").touch()
    return folder


def spark_csv_folder_without_header(tmp_path: Path) -> Path:
    """Spark's default: ``df.write.csv(path)`` writes no header line."""
    return spark_csv_folder(tmp_path, header=False)


# (case, builder, words the one sentence must contain)
BAD_DATA = [
    ("delta-without-log", delta_without_log, "no _delta_log folder"),
    (
        "delta-with-empty-log",
        delta_with_empty_log,
        "its _delta_log folder holds no commit, so the table has no version to read",
    ),
    ("parquet-missing-column", parquet_missing_a_column, "missing column(s): tenure_months"),
    ("parquet-wrong-type", parquet_with_text_in_a_number_column, "tenure_months"),
    ("folder-without-data", empty_folder, "not a Delta table"),
    (
        "spark-csv-folder-without-header",
        spark_csv_folder_without_header,
        "its first line holds values, not column names: its parts have no header",
    ),
]


@pytest.mark.parametrize(("case", "build", "words"), BAD_DATA, ids=[c[0] for c in BAD_DATA])
def test_bad_lake_data_stops_training_with_exit_4(
    tmp_path: Path, case: str, build, words: str
) -> None:
    data = build(tmp_path)
    workdir = tmp_path / "workdir"
    run = train(workdir, "--data", str(data))
    assert run.exit_code == ExitCode.BAD_DATA, run.err
    assert str(data) in run.err and words in run.err
    assert "Traceback" not in run.err
    assert "nothing was registered" in run.err
    assert nothing_registered(workdir)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ("azureml://datastores/curated/paths/customers/", "a URI is read by Azure ML"),
        ("abfss://curated@dlacct.dfs.core.windows.net/customers/", "a URI is read by Azure ML"),
        ("s3://bucket/customers.csv", "a URI is read by Azure ML"),
    ],
)
def test_a_uri_on_the_local_target_is_a_usage_error(tmp_path: Path, data: str, words: str) -> None:
    run = train(tmp_path / "workdir", "--data", data)
    assert run.exit_code == ExitCode.USAGE
    assert (
        run.err.strip()
        == f"error: --data {data}: {words}; add --target azureml, or pass a local file or folder"
    )
    assert nothing_registered(tmp_path / "workdir")
