"""``data.training``: the data ``train`` reads when no ``--data`` is given.

A team whose table is its own names it once per environment; the README's ``train`` and the
train-in-dev workflow, which pass no ``--data``, read the sample CSV before there was such a
setting. A message about the value names where it came from.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from reference_impl.contract import CONTRACT_FILE, contract_path
from reference_impl.data import TRAINING_DATA
from reference_impl.exit_codes import ExitCode
from tests.reference_impl.azureml.conftest import run_cli
from tests.reference_impl.lifecycle.conftest import train

LAKE_URI = "azureml://datastores/curated/paths/customers/"


def planted(path: Path, age: str) -> Path:
    """A copy of the sample's first 1,100 rows with one age the contract refuses."""
    frame = pd.read_csv(TRAINING_DATA, nrows=1_100, dtype=str)
    frame.loc[4, "age"] = age
    frame.to_csv(path, index=False)
    return path


def test_train_without_data_reads_the_environments_setting(tmp_path: Path) -> None:
    own = planted(tmp_path / "own.csv", "7")
    run = train(tmp_path / "work", "--set", f"data.training={own}")
    assert run.exit_code == ExitCode.BAD_DATA, run.err
    assert f"training on {own} (dev)" in run.out
    assert f"{own}" in run.err and "column 'age': 1 value(s) outside [18, 100]: 7" in run.err


def test_a_home_folder_in_the_settings_is_the_users_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A configuration file is no shell: ``~/…`` in ``data.training`` was read as a folder
    called ``~`` under the current one ("file not found"), and so was ``data.contract``."""
    monkeypatch.setenv("HOME", str(tmp_path))
    own = planted(tmp_path / "own.csv", "7")
    (tmp_path / "own-contract.yaml").write_text(contract_path(CONTRACT_FILE).read_text())
    run = train(tmp_path / "work", "--set", "data.training=~/own.csv",
                "--set", "data.contract=~/own-contract.yaml")  # fmt: skip
    assert run.exit_code == ExitCode.BAD_DATA, run.err
    assert f"training on {own} (dev)" in run.out
    assert "column 'age': 1 value(s) outside [18, 100]: 7" in run.err


def test_data_given_on_the_command_line_comes_first(tmp_path: Path) -> None:
    own = planted(tmp_path / "own.csv", "7")
    given = planted(tmp_path / "given.csv", "150")
    run = train(tmp_path / "work", "--data", str(given), "--set", f"data.training={own}")
    assert run.exit_code == ExitCode.BAD_DATA, run.err
    assert f"training on {given} (dev)" in run.out and "150" in run.err


def test_a_uri_setting_on_the_local_target_is_named_as_the_setting(tmp_path: Path) -> None:
    run = train(tmp_path / "work", "--set", f"data.training={LAKE_URI}")
    assert run.exit_code == ExitCode.USAGE
    assert run.err.strip() == (
        f"error: data.training {LAKE_URI}: a URI is read by Azure ML; add --target azureml, or "
        "pass a local file or folder"
    )


def test_the_azure_ml_job_reads_the_setting(tmp_path: Path) -> None:
    call = run_cli(
        "train", "--target", "azureml", "--env", "dev", "--set", f"data.training={LAKE_URI}",
        "--dry-run", "--out", str(tmp_path),
    )  # fmt: skip
    assert call.code == 0, call.err
    job = yaml.safe_load((tmp_path / "pipeline_job.yml").read_text(encoding="utf-8"))
    assert job["inputs"]["raw_data"]["path"] == LAKE_URI


def test_a_setting_the_azure_ml_job_cannot_bind_is_named_as_the_setting(tmp_path: Path) -> None:
    unknown = "azureml://datastores/nope/paths/customers/"
    call = run_cli(
        "train", "--target", "azureml", "--env", "dev", "--set", f"data.training={unknown}",
        "--dry-run", "--out", str(tmp_path / "out"),
    )  # fmt: skip
    assert call.code == ExitCode.USAGE
    assert call.err.startswith(f"error: data.training {unknown}: unknown datastore 'nope'")
    assert not (tmp_path / "out").exists()


def test_the_emulation_names_a_uri_setting(tmp_path: Path) -> None:
    call = run_cli(
        "train", "--target", "azureml", "--emulate", "--workdir", str(tmp_path),
        "--set", "data.training=azureml:customers:3",
    )  # fmt: skip
    assert call.code == ExitCode.USAGE
    assert call.err.startswith(
        "error: data.training azureml:customers:3: the emulation reads local files only"
    )
