"""Batch scoring of a folder with the batch-endpoint driver, locally."""

from __future__ import annotations

import gzip
import os
import shlex
import shutil
import signal
import subprocess
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from reference_impl.config.project import load_project
from reference_impl.data import BATCH_DIR, FRESH_BATCH
from reference_impl.data.generate import DataFile, generate
from reference_impl.scoring.lake_io import write_partition
from tests.reference_impl.identity import DECISION, MODEL, PROB
from tests.reference_impl.lifecycle.conftest import Lifecycle, call
from tests.reference_impl.lifecycle.processes import ROOT, cli_command, train_env
from tests.reference_impl.terminal import Terminal

PROJECT = load_project()


def batch_score(
    lifecycle: Lifecycle, folder: Path, output: Path, *extra: str
) -> tuple[int, str, str]:
    return call(
        [
            "batch-score",
            "--workdir",
            str(lifecycle.workdir),
            "--input",
            str(folder),
            "--output",
            str(output),
            *extra,
        ]
    )


def test_scores_every_file_of_the_folder(lifecycle: Lifecycle, tmp_path: Path) -> None:
    output = tmp_path / "out" / "predictions.csv"
    code, out, err = batch_score(lifecycle, BATCH_DIR, output, "--mini-batch-size", "1")
    assert code == 0, err
    predictions = pd.read_csv(output)
    assert list(predictions.columns) == [
        "file",
        "customer_id",
        PROB,
        DECISION,
    ]
    assert predictions["file"].value_counts().to_dict() == {
        "week-01.csv": 2000,
        "week-02.csv": 2000,
    }
    assert predictions[PROB].between(0, 1).all()
    assert (predictions[DECISION] == (predictions[PROB] >= 0.35)).all()
    assert f"scored 4000 rows from 2 file(s) with {MODEL} version 2" in out


def test_batch_and_online_scoring_agree(lifecycle: Lifecycle, tmp_path: Path) -> None:
    # sample-request.json holds the first two customers of week-01.csv.
    from reference_impl.data import SAMPLE_REQUEST
    from reference_impl.modeling.packaging import load_model_dir
    from reference_impl.scoring.request import parse_request

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FRESH_BATCH, folder)
    assert batch_score(lifecycle, folder, tmp_path / "p.csv")[0] == 0
    batch = pd.read_csv(tmp_path / "p.csv").head(2)
    served = next((lifecycle.workdir / "serving" / MODEL).glob("2"))
    model = load_model_dir(served)
    online = model.probability(parse_request(SAMPLE_REQUEST.read_text(), model.contract))
    assert batch["customer_id"].tolist() == ["W01-00001", "W01-00002"]
    assert batch[PROB].tolist() == pytest.approx(online.round(6).tolist())


def test_a_bad_file_fails_the_batch_and_writes_nothing(
    lifecycle: Lifecycle, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FRESH_BATCH, folder / "a.csv")
    frame = pd.read_csv(FRESH_BATCH).astype({"age": object})
    frame.loc[3, "age"] = "old"
    frame.to_csv(folder / "b.csv", index=False)
    code, _, err = batch_score(lifecycle, folder, tmp_path / "p.csv")
    assert code == 4
    assert (
        "b.csv" in err and "column 'age': 1 value(s) are not whole numbers: 'old' (line 5)" in err
    )
    assert not (tmp_path / "p.csv").exists()


def test_a_label_column_in_capitals_is_named_not_called_unexpected(
    lifecycle: Lifecycle, tmp_path: Path
) -> None:
    """A batch file may carry the label; under another case it was an unexpected column."""
    folder = tmp_path / "in"
    folder.mkdir()
    pd.read_csv(FRESH_BATCH).assign(CANCELLED=0).to_csv(folder / "b.csv", index=False)
    code, _, err = batch_score(lifecycle, folder, tmp_path / "p.csv")
    assert code == 4
    assert "differing only in case or spaces: 'CANCELLED' should be 'cancelled'" in err
    assert "unexpected" not in err
    assert not (tmp_path / "p.csv").exists()


def _listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_ctrl_c_while_writing_leaves_the_earlier_predictions_whole(
    lifecycle: Lifecycle, tmp_path: Path
) -> None:
    output = tmp_path / "out" / "predictions.csv"
    assert batch_score(lifecycle, BATCH_DIR, output)[0] == 0
    earlier, before = output.read_bytes(), _listing(output.parent)
    big = tmp_path / "big"
    big.mkdir()  # enough rows that writing their predictions takes a good part of a second
    rows = DataFile("big.csv", rows=200_000, seed=5, id_prefix="B", labelled=False)
    generate(rows).to_parquet(big / "big.parquet", index=False)
    argv = ["batch-score", "--workdir", str(lifecycle.workdir), "--input", str(big)]
    line = shlex.join(cli_command(*argv, "--output", str(output)))
    with Terminal(line, ROOT, train_env()) as terminal:
        terminal.wait_until(lambda: _listing(output.parent) != before, "the write beginning")
        code = terminal.press_ctrl_c()

    shown = terminal.output()
    assert code == -signal.SIGINT, shown  # it was stopped, not finished
    last = shown.strip().splitlines()[-1].removeprefix("^C")
    assert last == "stopped by Ctrl-C: batch-score did not finish", shown
    assert "Traceback" not in shown, shown
    assert [p.name for p in output.parent.iterdir()] == [output.name]  # no part left behind
    assert output.read_bytes() == earlier


def test_folder_without_csv_files(lifecycle: Lifecycle, tmp_path: Path) -> None:
    code, _, err = batch_score(lifecycle, tmp_path, tmp_path / "p.csv")
    assert code == 4
    assert f"{tmp_path} holds no .csv or .parquet files and is not a Delta table" in err


# case -> (file name, bytes, what batch-score says of it after "--input <file>")
OTHER_FILES = {
    "txt-file": (
        "rows.txt",
        b"customer_id,age\nC1,40\n",
        ": batch-score reads a file whose name ends in .csv",
    ),
    "gzip-file": (
        "rows.csv.gz",
        gzip.compress(b"customer_id,age\nC1,40\n"),
        " is gzip-compressed, not CSV",
    ),
}


@pytest.mark.parametrize("case", sorted(OTHER_FILES))
def test_a_file_of_another_kind_is_named_as_a_file(
    lifecycle: Lifecycle, tmp_path: Path, case: str
) -> None:
    """A file was said to "hold no .csv or .parquet files", as if it were a folder."""
    name, content, said = OTHER_FILES[case]
    (tmp_path / name).write_bytes(content)
    code, _, err = batch_score(lifecycle, tmp_path / name, tmp_path / "p.csv")
    assert code == 4
    assert err.startswith(f"error: --input {tmp_path / name}{said}"), err
    assert err.count("\n") == 1 and "holds no" not in err
    assert not (tmp_path / "p.csv").exists()


def test_a_pipe_named_as_input_is_refused_without_waiting_for_a_writer(
    lifecycle: Lifecycle, tmp_path: Path
) -> None:
    """Looking at a file's first bytes must not open a pipe: the read would wait for ever."""
    pipe = tmp_path / "rows.txt"
    os.mkfifo(pipe)
    argv = ["batch-score", "--workdir", str(lifecycle.workdir), "--input", str(pipe)]
    done = subprocess.run(
        cli_command(*argv, "--output", str(tmp_path / "p.csv")),
        cwd=ROOT, env=train_env(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 4, done.stderr
    assert done.stderr.startswith(f"error: --input {pipe}: batch-score reads a file whose name")
    assert not (tmp_path / "p.csv").exists()


@pytest.mark.parametrize("name", ["typo-folder", "typo.csv"])
def test_an_input_that_is_not_there_is_named(
    lifecycle: Lifecycle, tmp_path: Path, name: str
) -> None:
    """A mistyped folder was said to hold no .csv or .parquet files, as if it were there."""
    code, _, err = batch_score(lifecycle, tmp_path / name, tmp_path / "p.csv")
    assert code == 4
    assert err == f"error: --input {tmp_path / name}: no such file or folder\n"
    assert not (tmp_path / "p.csv").exists()


def test_mini_batch_size_must_be_positive(lifecycle: Lifecycle, tmp_path: Path) -> None:
    code, _, err = batch_score(lifecycle, BATCH_DIR, tmp_path / "p.csv", "--mini-batch-size", "0")
    assert code == 2
    assert "--mini-batch-size must be at least 1" in err


def test_driver_contract_in_process(lifecycle: Lifecycle, monkeypatch: pytest.MonkeyPatch) -> None:
    from reference_impl.registry import champion_copy
    from reference_impl.scoring import batch_driver
    from reference_impl.tracking import use_workdir
    from reference_impl.workdir import Workdir

    workdir = Workdir.at(lifecycle.workdir)
    use_workdir(workdir)
    _, model_dir = champion_copy(MODEL, workdir.serving)
    monkeypatch.setenv("AZUREML_MODEL_DIR", str(model_dir))
    batch_driver.init()
    rows = batch_driver.run([str(FRESH_BATCH)])
    assert isinstance(rows, pd.DataFrame)
    assert len(rows) == 2000
    assert rows["customer_id"].iloc[0] == "W01-00001"


def test_model_dir_env_restores_a_previous_value(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import os

    from reference_impl.commands.batch_score import model_dir_env

    monkeypatch.setenv("AZUREML_MODEL_DIR", "/previous")
    with model_dir_env(tmp_path):
        assert os.environ["AZUREML_MODEL_DIR"] == str(tmp_path)
    assert os.environ["AZUREML_MODEL_DIR"] == "/previous"


def test_a_partition_whose_write_fails_keeps_its_earlier_file(tmp_path: Path) -> None:
    day = date(2026, 12, 1)
    earlier = write_partition(pd.DataFrame({"p": [0.5]}), tmp_path, day)
    kept = earlier.read_bytes()
    unwritable = pd.DataFrame({"p": [0.5, "high"]})  # pyarrow refuses the mixed column
    with pytest.raises(ValueError, match="Conversion failed for column p"):
        write_partition(unwritable, tmp_path, day)
    assert earlier.read_bytes() == kept
    assert os.listdir(earlier.parent) == [earlier.name]


def test_a_rewritten_partition_holds_only_the_new_file(tmp_path: Path) -> None:
    day = date(2026, 12, 1)
    partition = tmp_path / "run_date=2026-12-01"
    partition.mkdir()
    (partition / "part-0000.parquet").write_bytes(b"an older writer's file")
    written = write_partition(pd.DataFrame({"p": [0.25]}), tmp_path, day)
    assert os.listdir(partition) == ["predictions.parquet"]
    assert pd.read_parquet(written)["p"].tolist() == [0.25]
