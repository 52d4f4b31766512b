"""Training and batch scoring from the local lake: CSV, Parquet (file and folder) and Delta.

Each format is trained end to end into its own working directory (validate → … → register),
then the champion scores a batch and writes Parquet partitioned by run date. The registered
version names the data it was trained on (format, Delta version, checksum).
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from reference_impl.data import (
    BATCH_PARQUET,
    FRESH_BATCH,
    TRAINING_DATA,
    TRAINING_DELTA,
    TRAINING_PARQUET,
)
from reference_impl.data.lake import FIRST_WRITE_ROWS
from reference_impl.validation.formats import read_columnar
from tests.reference_impl.identity import DECISION, MODEL, PROB
from tests.reference_impl.lifecycle.conftest import WEAKER, Run, call, registry_state, train

# (format id, training data, batch input, expected tags)
FORMATS = [
    ("csv", TRAINING_DATA, FRESH_BATCH, {"data_format": "csv"}),
    ("parquet-folder", TRAINING_PARQUET, BATCH_PARQUET, {"data_format": "parquet"}),
    ("delta", TRAINING_DELTA, TRAINING_DELTA, {"data_format": "delta", "data_version": "1"}),
]


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One working directory per format, each trained once on that format."""
    workdirs = {}
    for name, data, _batch, _tags in FORMATS:
        workdir = tmp_path_factory.mktemp(f"lake-{name}")
        run = train(workdir, "--data", str(data), *WEAKER)  # the fast estimator
        assert run.exit_code == 0, run.err
        workdirs[name] = workdir
    return workdirs


def version_tags(workdir: Path, version: str = "1") -> dict[str, str]:
    from mlflow import MlflowClient

    registry_state(workdir)  # points MLflow at the workdir
    return MlflowClient().get_model_version(MODEL, version).tags


@pytest.mark.parametrize(("name", "data", "batch", "tags"), FORMATS, ids=[f[0] for f in FORMATS])
def test_each_format_trains_registers_a_champion_and_names_its_data(
    trained: dict[str, Path], name: str, data: Path, batch: Path, tags: dict[str, str]
) -> None:
    versions, aliases = registry_state(trained[name])
    assert versions == ["1"] and aliases["champion"] == "1"
    registered = version_tags(trained[name])
    assert registered["data"] == str(data.resolve())
    assert {k: registered[k] for k in tags} == tags
    assert len(registered["data_sha256"]) == 64
    if name != "delta":
        assert "data_version" not in registered


@pytest.mark.batch
@pytest.mark.parametrize(("name", "data", "batch", "tags"), FORMATS, ids=[f[0] for f in FORMATS])
def test_batch_scoring_writes_parquet_partitioned_by_run_date(
    trained: dict[str, Path], tmp_path: Path, name: str, data: Path, batch: Path, tags: dict
) -> None:
    out = tmp_path / "predictions"
    args = ["batch-score", "--workdir", str(trained[name]), "--input", str(batch)]
    args += ["--output", str(out), "--format", "parquet", "--run-date", "2026-12-01"]
    code, printed, err = call(args)
    assert code == 0, err
    written = out / "run_date=2026-12-01" / "predictions.parquet"
    assert f"wrote {written}" in printed
    predictions = pd.read_parquet(out)  # the partition folder becomes a column
    expected_rows = len(pd.read_csv(TRAINING_DATA)) if name == "delta" else 2_000
    assert len(predictions) == expected_rows
    assert {PROB, DECISION, "run_date"} <= set(predictions.columns)
    assert set(predictions["run_date"].astype(str)) == {"2026-12-01"}
    assert predictions[PROB].between(0, 1).all()


@pytest.mark.batch
def test_a_rerun_on_the_same_date_replaces_only_that_partition(
    trained: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "predictions"
    base = ["batch-score", "--workdir", str(trained["csv"]), "--input", str(BATCH_PARQUET)]
    for day in ("2026-12-01", "2026-12-02", "2026-12-02"):
        code, _, err = call([*base, "--output", str(out), "--format", "parquet", "--run-date", day])
        assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["run_date=2026-12-01", "run_date=2026-12-02"]
    assert len(pd.read_parquet(out)) == 2 * 2_000


def test_delta_time_travel_reads_the_first_extract() -> None:
    from reference_impl.contract import load_contract

    CONTRACT = load_contract()

    columns = [CONTRACT.id_column, *CONTRACT.feature_names]
    first = read_columnar(TRAINING_DELTA, required=columns, label=CONTRACT.label, version=0)
    latest = read_columnar(TRAINING_DELTA, required=columns, label=CONTRACT.label)
    assert (first.attrs["data_version"], len(first)) == (0, FIRST_WRITE_ROWS)
    assert (latest.attrs["data_version"], len(latest)) == (1, len(pd.read_csv(TRAINING_DATA)))


def test_a_delta_version_is_read_in_the_order_of_its_files_as_before() -> None:
    """The rows come as deltalake's pyarrow reader gave them (the reader until column mapping
    needed another), so the ``data_sha256`` a model was registered with still matches."""
    from deltalake import DeltaTable

    earlier = DeltaTable(TRAINING_DELTA).to_pyarrow_table().to_pandas()
    now = read_columnar(TRAINING_DELTA, required=list(earlier.columns), text=["customer_id"])
    pd.testing.assert_frame_equal(now, earlier, check_dtype=False)


def test_a_reader_feature_the_pyarrow_reader_lacks_is_read(tmp_path: Path) -> None:
    """``v2Checkpoint`` put the table at reader protocol 3; the pyarrow reader refused it
    ("reader features: {'v2Checkpoint'} ... not yet supported")."""
    from deltalake import DeltaTable, TableFeatures

    table = tmp_path / "customers"
    _two_writes(table)
    DeltaTable(table).alter.add_feature(
        TableFeatures.V2Checkpoint, allow_protocol_versions_increase=True
    )
    DeltaTable(table).create_checkpoint()
    assert DeltaTable(table).protocol().reader_features == ["v2Checkpoint"]
    run = train(tmp_path / "work", "--data", str(table), *WEAKER)
    assert run.exit_code == 0, run.err
    rows = len(pd.read_csv(TRAINING_DATA))
    assert f"validate: {rows} rows (Delta table version 2)" in run.out


@pytest.mark.batch
def test_scoring_a_parquet_file_of_the_wrong_schema_exits_4_and_writes_nothing(
    trained: dict[str, Path], tmp_path: Path
) -> None:
    bad = tmp_path / "batch.parquet"
    pd.read_parquet(BATCH_PARQUET).drop(columns=["monthly_charges"]).to_parquet(bad)
    out = tmp_path / "predictions"
    args = ["batch-score", "--workdir", str(trained["csv"]), "--input", str(bad)]
    code, _, err = call([*args, "--output", str(out), "--format", "parquet"])
    assert code == 4
    assert str(bad) in err and "missing column(s): monthly_charges" in err
    assert not out.exists()


def assert_refused(run: Run, sentence: str, workdir: Path) -> None:
    """``train`` stopped with exit 4 and ``sentence``, no traceback, and registered nothing."""
    assert run.exit_code == 4, run.err
    assert sentence in run.err
    assert "Traceback" not in run.err
    with contextlib.closing(sqlite3.connect(workdir / "mlflow.db")) as store:
        assert store.execute("SELECT COUNT(*) FROM model_versions").fetchone() == (0,)


TABLE_FILES = {
    "data-file": lambda: sorted(TRAINING_DELTA.glob("*.parquet"))[0],
    "log-file": lambda: sorted((TRAINING_DELTA / "_delta_log").glob("*.json"))[0],
}


@pytest.mark.parametrize("part", sorted(TABLE_FILES))
def test_a_file_of_a_delta_table_is_refused_on_its_own(tmp_path: Path, part: str) -> None:
    """Read alone, a table's data file trained on rows a later version had removed (a log
    file failed as a CSV "with none of the expected columns"). A batch endpoint given a table
    lists exactly such files, one per mini-batch item."""
    file = TABLE_FILES[part]()
    run = train(tmp_path / "work", "--data", str(file))
    sentence = (
        f"is a file of the Delta table {TRAINING_DELTA}: read alone, a table's files hold rows "
        "of earlier versions too; pass the table folder, which is read at its latest version"
    )
    assert_refused(run, sentence, tmp_path / "work")


def _with_deletion_vectors(tmp_path: Path) -> Path:
    """The bundled rows as a table with the ``deletionVectors`` feature on (as Databricks'
    'Auto-enable deletion vectors' leaves new tables), before any row is deleted."""
    from deltalake import DeltaTable, write_deltalake

    table = tmp_path / "customers"
    write_deltalake(table, pd.read_csv(TRAINING_DATA, dtype={"customer_id": str}))
    DeltaTable(table).alter.set_table_properties({"delta.enableDeletionVectors": "true"})
    assert "deletionVectors" in DeltaTable(table).protocol().reader_features
    return table


@pytest.mark.parametrize("where", ["commit", "checkpoint"])
def test_a_delta_table_with_deletion_vectors_says_what_to_pass_instead(
    tmp_path: Path, where: str
) -> None:
    """A DELETE on Databricks then removes the file and adds it back with a vector marking the
    deleted rows (here an inline one). delta-rs cannot apply it, and its own sentence ("reader
    features ... not yet supported") said nothing of what to do. Once the log's commits are
    cleaned up, the vector is found in the checkpoint."""
    import json

    from deltalake import DeltaTable

    table = _with_deletion_vectors(tmp_path)
    data_file = DeltaTable(table).get_add_actions(flatten=True).column("path")[0].as_py()
    inline = "wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L"  # the vector's Z85 bytes
    vector = {"storageType": "i", "pathOrInlineDv": inline, "sizeInBytes": 40, "cardinality": 6}
    delete = [
        {"remove": {"path": data_file, "deletionTimestamp": 1, "dataChange": True}},
        {"add": {"path": data_file, "size": 1, "partitionValues": {}, "modificationTime": 1,
                 "dataChange": True, "deletionVector": vector}},
    ]  # fmt: skip
    commit = table / "_delta_log" / f"{DeltaTable(table).version() + 1:020d}.json"
    commit.write_text("".join(json.dumps(action) + "\n" for action in delete))
    if where == "checkpoint":
        DeltaTable(table).create_checkpoint()
        for commit in (table / "_delta_log").glob("*.json"):
            commit.unlink()  # what log retention does after 30 days
    run = train(tmp_path / "work", "--data", str(table))
    sentence = (
        f"{table}: 1 problem(s)\n  - cannot be read as Delta table: its log marks deleted rows "
        "with deletion vectors, which the deltalake reader cannot apply yet"
    )
    assert_refused(run, sentence, tmp_path / "work")
    assert "pass a Parquet export of the table's current version" in run.err


UNSUPPORTED = {  # the protocol's reader features -> how the sentence names them
    "vacuum-protocol-check": (["vacuumProtocolCheck"], "vacuumProtocolCheck"),
    "two-features": (["typeWidening", "vacuumProtocolCheck"], "typeWidening, vacuumProtocolCheck"),
}


@pytest.mark.parametrize("case", sorted(UNSUPPORTED))
def test_a_table_feature_deltalake_lacks_is_named_with_what_to_pass(
    tmp_path: Path, case: str
) -> None:
    """Databricks upgrades a table's protocol with features of its own; deltalake's sentence
    ("External error: Transaction failed: Unsupported table features required:
    [VacuumProtocolCheck]") said nothing of what to do."""
    import json

    from deltalake import write_deltalake

    features, named = UNSUPPORTED[case]
    table = tmp_path / "customers"
    write_deltalake(table, pd.read_csv(TRAINING_DATA, dtype={"customer_id": str}))
    upgrade = {"minReaderVersion": 3, "minWriterVersion": 7, "readerFeatures": features,
               "writerFeatures": features}  # fmt: skip
    commit = table / "_delta_log" / f"{1:020d}.json"
    commit.write_text(json.dumps({"protocol": upgrade}) + "\n")
    run = train(tmp_path / "work", "--data", str(table))
    sentence = (
        f"cannot be read as Delta table: its protocol requires the table feature(s) {named}, "
        "which the deltalake reader does not support yet; pass a Parquet export of the table's "
        "current version"
    )
    assert_refused(run, sentence, tmp_path / "work")


def test_a_delta_table_with_the_feature_but_no_vector_is_read(tmp_path: Path) -> None:
    """Every new table of a workspace with 'Auto-enable deletion vectors' has the feature; one
    whose rows were only ever appended was refused as if rows had been deleted."""
    from deltalake import DeltaTable

    table = _with_deletion_vectors(tmp_path)
    DeltaTable(table).create_checkpoint()  # the checkpoint holds no vector either
    run = train(tmp_path / "work", "--data", str(table), *WEAKER)
    assert run.exit_code == 0, run.err
    assert f"validate: {len(pd.read_csv(TRAINING_DATA))} rows (Delta table version 1)" in run.out


COLUMN_MAPPING = {  # what Databricks sets to rename or drop a column
    "delta.columnMapping.mode": "name",
    "delta.minReaderVersion": "2",
    "delta.minWriterVersion": "5",
}


def _two_writes(table: Path, **configuration: str) -> None:
    """The bundled rows as a Delta table written in two versions, like the lake's table."""
    from deltalake import write_deltalake

    rows = pd.read_csv(TRAINING_DATA, dtype={"customer_id": str})
    write_deltalake(table, rows.iloc[:FIRST_WRITE_ROWS], configuration=configuration or None)
    write_deltalake(table, rows.iloc[FIRST_WRITE_ROWS:], mode="append")


def test_a_delta_table_with_column_mapping_is_read_by_its_column_names(tmp_path: Path) -> None:
    """Its files name each column ``col-<uuid>``; deltalake's pyarrow reader read every cell as
    null, and ``train`` refused the table as "10000 empty value(s)" in each column."""
    import pyarrow.parquet as pq

    from reference_impl.contract import load_contract

    mapped, plain = tmp_path / "mapped", tmp_path / "plain"
    _two_writes(mapped, **COLUMN_MAPPING)
    _two_writes(plain)
    stored = pq.read_schema(next(mapped.rglob("*.parquet"))).names
    assert all(name.startswith("col-") for name in stored)  # the files hold physical names
    contract = load_contract()
    columns = [contract.id_column, *contract.feature_names]
    read = {
        name: read_columnar(table, required=columns, label=contract.label, text=[columns[0]])
        for name, table in {"mapped": mapped, "plain": plain}.items()
    }
    # the same rows, in the same order, with the same types, as the table without mapping
    pd.testing.assert_frame_equal(read["mapped"], read["plain"])
    assert read["mapped"].attrs["data_version"] == 1
    assert read["mapped"]["customer_id"].notna().all()
    run = train(tmp_path / "work", "--data", str(mapped), *WEAKER)
    assert run.exit_code == 0, run.err
    assert f"validate: {len(read['plain'])} rows (Delta table version 1)" in run.out


@pytest.mark.batch
def test_scoring_a_folder_that_holds_a_delta_table_refuses_the_tables_files(
    trained: dict[str, Path], tmp_path: Path
) -> None:
    """``--input`` the lake's root listed every ``.parquet`` below it: the curated table's
    files of both versions were scored as if they were batches."""
    out = tmp_path / "predictions.csv"
    lake = TRAINING_DELTA.parent.parent
    code, _, err = call(["batch-score", "--workdir", str(trained["csv"]), "--input", str(lake),
                         "--output", str(out)])  # fmt: skip
    assert code == 4, err
    assert f"is a file of the Delta table {TRAINING_DELTA}" in err
    assert not out.exists()


def _spark_like_folder(folder: Path) -> None:
    """What a lake export holds beside its data: Spark's output folder named ``*.parquet``
    with ``_SUCCESS``, a writer's unfinished ``.part-*`` file and macOS ``._`` twins."""
    rows = pd.read_parquet(BATCH_PARQUET)
    out = folder / "scored-input.parquet"  # a folder, as Spark's df.write.parquet makes it
    out.mkdir(parents=True)
    rows.iloc[:1_200].to_parquet(out / "part-00000.parquet")
    rows.iloc[1_200:].to_parquet(out / "part-00001.PARQUET")  # any case, as a file name
    (out / "_SUCCESS").write_bytes(b"")
    rows.iloc[:5].to_parquet(out / ".part-00002.parquet")  # not yet renamed into place
    (out / "._part-00000.parquet").write_bytes(b"\x00\x05\x16\x07Mac OS X")
    (folder / "_temporary").mkdir()
    rows.iloc[:5].to_parquet(folder / "_temporary" / "part-9.parquet")


@pytest.mark.batch
def test_batch_scoring_a_lake_folder_reads_each_data_file_once_and_skips_hidden_ones(
    trained: dict[str, Path], tmp_path: Path
) -> None:
    """The folder named ``*.parquet`` was an item beside its own files (every row scored
    twice), and hidden files were read: ``._`` twins failed the batch, side files added rows."""
    from reference_impl.scoring.lake_io import input_items

    lake, out = tmp_path / "lake", tmp_path / "predictions.csv"
    _spark_like_folder(lake)
    assert [Path(p).name for p in input_items(lake)] == ["part-00000.parquet", "part-00001.PARQUET"]
    code, printed, err = call(["batch-score", "--workdir", str(trained["csv"]), "--input",
                               str(lake), "--output", str(out)])  # fmt: skip
    assert code == 0, err
    assert "scored 2000 rows from 2 file(s)" in printed
    scored = pd.read_csv(out)
    assert len(scored) == 2_000 and not scored["customer_id"].duplicated().any()


@pytest.mark.batch
def test_batch_output_names_a_partitioned_file_with_its_partition_folders(
    trained: dict[str, Path], tmp_path: Path
) -> None:
    """Spark names every partition's file alike: the ``file`` column said ``part-0.parquet``
    for all rows, and the summary counted one file for four."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    lake, out = tmp_path / "by-region", tmp_path / "predictions.csv"
    rows = pd.read_parquet(BATCH_PARQUET)
    ds.write_dataset(pa.Table.from_pandas(rows, preserve_index=False), lake, format="parquet",
                     partitioning=["region"], partitioning_flavor="hive")  # fmt: skip
    code, printed, err = call(["batch-score", "--workdir", str(trained["csv"]), "--input",
                               str(lake), "--output", str(out)])  # fmt: skip
    assert code == 0, err
    assert f"scored {len(rows)} rows from 4 file(s)" in printed
    named = pd.read_csv(out)["file"].value_counts()
    assert named.to_dict() == {
        f"region={r}/part-0.parquet": n for r, n in rows["region"].value_counts().items()
    }


@pytest.mark.batch
def test_csv_files_of_a_folder_are_listed_in_any_case_and_hidden_ones_skipped(
    tmp_path: Path,
) -> None:
    """``week-02.CSV`` was skipped without a word (the same name given alone was read)."""
    from reference_impl.scoring.lake_io import input_items

    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "week-01.csv").write_bytes(FRESH_BATCH.read_bytes())
    (folder / "week-02.CSV").write_bytes(FRESH_BATCH.read_bytes())
    (folder / "._week-01.csv").write_bytes(b"\x00\x05\x16\x07Mac OS X")
    (folder / "notes.txt").write_text("not data")
    assert [Path(p).name for p in input_items(folder)] == ["week-01.csv", "week-02.CSV"]


MIXED = (
    "holds 1 CSV and 1 Parquet file(s), such as b.csv and a.parquet: keep one format per "
    "folder, so that no rows are read twice or skipped"
)


@pytest.mark.parametrize("command", ["batch-score", "monitor", "train"])
def test_a_folder_of_csv_and_parquet_files_is_refused_naming_one_of_each(
    trained: dict[str, Path], tmp_path: Path, command: str
) -> None:
    """Batch scoring read the CSV files and skipped the Parquet ones without a word (exit 0,
    half the rows); ``train`` and ``monitor`` failed on the first CSV file, in pyarrow's words."""
    folder = tmp_path / "drop"
    (folder / "sub").mkdir(parents=True)
    pd.read_parquet(BATCH_PARQUET).to_parquet(folder / "a.parquet")
    (folder / "b.csv").write_bytes(TRAINING_DATA.read_bytes())
    (folder / "._b.csv").write_bytes(b"\x00\x05\x16\x07Mac OS X")  # hidden: not counted
    out = tmp_path / "predictions.csv"
    argv = {
        "batch-score": ["--input", str(folder), "--output", str(out)],
        "monitor": ["--current", str(folder)],
        "train": ["--data", str(folder)],
    }[command]
    workdir = tmp_path / "new" if command == "train" else trained["csv"]
    before = registry_state(workdir) if command != "train" else None
    code, printed, err = call([command, "--workdir", str(workdir), *argv])
    assert code == 4, printed + err
    assert f"{folder}: 1 problem(s)\n  - {MIXED}" in err
    assert not out.exists()
    if before is not None:
        assert registry_state(workdir) == before


@pytest.mark.online
@pytest.mark.parametrize(
    "current", [BATCH_PARQUET, TRAINING_PARQUET, TRAINING_DELTA], ids=["file", "folder", "delta"]
)
def test_monitor_reads_the_lakes_formats_too(trained: dict[str, Path], current: Path) -> None:
    code, out, err = call(["monitor", "--workdir", str(trained["csv"]), "--current", str(current)])
    assert code == 0, out + err  # a fresh batch, and the training rows themselves: no drift
    rows = 2_000 if current == BATCH_PARQUET else 10_000
    assert f"compared {rows} rows" in out


def test_a_hive_partition_key_is_a_column_and_ignore_lets_it_stay(tmp_path: Path) -> None:
    """An export partitioned by load date: the key is read as a column, as Spark reads it;
    training refuses it as unexpected until the contract lists it under ``ignore``."""
    import pyarrow as pa
    import pyarrow.dataset as ds
    import yaml

    from reference_impl.contract import CONTRACT_FILE, contract_path

    frame = pd.read_csv(TRAINING_DATA)
    frame["load_date"] = ["2026-11-29", "2026-11-30"] * (len(frame) // 2)
    lake = tmp_path / "export"
    ds.write_dataset(pa.Table.from_pandas(frame, preserve_index=False), lake, format="parquet",
                     partitioning=["load_date"], partitioning_flavor="hive")  # fmt: skip
    assert sorted(p.name for p in lake.iterdir()) == [f"load_date=2026-11-{d}" for d in (29, 30)]
    refused = train(tmp_path / "refused", "--data", str(lake), *WEAKER)
    assert refused.exit_code == 4, refused.err
    assert "unexpected column(s): load_date" in refused.err
    contract = yaml.safe_load(contract_path(CONTRACT_FILE).read_text())
    listed = tmp_path / "contract.yaml"
    listed.write_text(yaml.safe_dump({**contract, "ignore": ["load_date"]}))
    kept = train(tmp_path / "kept", "--data", str(lake), "--contract", str(listed), *WEAKER)
    assert kept.exit_code == 0, kept.err
    assert "validate: 10000 rows" in kept.out
    by_region = tmp_path / "by-region"  # a key that is a feature needs nothing more
    ds.write_dataset(pa.Table.from_pandas(frame.drop(columns="load_date"), preserve_index=False),
                     by_region, format="parquet", partitioning=["region"],
                     partitioning_flavor="hive")  # fmt: skip
    feature = train(tmp_path / "feature", "--data", str(by_region), *WEAKER)
    assert feature.exit_code == 0, feature.err
