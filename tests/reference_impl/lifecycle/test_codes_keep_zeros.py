"""Codes written with leading zeros (branch ``007``, class ``02``) stay codes everywhere.

A CSV column of digits was read as numbers whatever the contract said: a category whose
values are ``007``, ``012`` and ``120`` was refused in training with "'7' not in the allowed
set (007, 012, 120)", and ``contract infer`` proposed an integer from 7 to 120.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

from reference_impl.contract import load_contract
from reference_impl.data import TRAINING_DATA
from tests.reference_impl.lifecycle.conftest import WEAKER, call, train
from tests.reference_impl.lifecycle.test_your_data_your_model import bundled, infer

CODES = ("007", "012", "120")


@pytest.fixture(scope="module")
def branches(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample with a ``branch`` code column, its inferred contract and a model trained on it."""
    folder = tmp_path_factory.mktemp("codes")
    frame = pd.read_csv(TRAINING_DATA)
    frame["branch"] = [CODES[i % 3] for i in range(len(frame))]
    data = folder / "customers.csv"
    frame.to_csv(data, index=False)
    inferred = folder / "inferred.yaml"
    code, _, err = call(["contract", "infer", "--data", str(data), "--label", "cancelled",
                         "--task", "binary", "--id", "customer_id", "--segment", "region",
                         "--out", str(inferred)])  # fmt: skip
    assert code == 0, err
    # the contract as a reviewer leaves it: branch is a category of three codes
    reviewed = yaml.safe_load(inferred.read_text(encoding="utf-8"))
    reviewed["features"] = [
        {"name": "branch", "kind": "category", "categories": list(CODES)}
        if feature["name"] == "branch" else feature
        for feature in reviewed["features"]
    ]  # fmt: skip
    contract = folder / "contract.yaml"
    contract.write_text(yaml.safe_dump(reviewed, sort_keys=False), encoding="utf-8")
    run = train(folder / "work", "--data", str(data), "--contract", str(contract), *WEAKER)
    assert run.exit_code == 0, run.err
    batch = folder / "batch"
    batch.mkdir()
    frame.drop(columns=["cancelled"]).head(30).to_csv(batch / "week.csv", index=False)
    return {"data": data, "inferred": inferred, "work": folder / "work", "batch": batch}


def test_infer_proposes_a_category_that_keeps_the_zeros(branches: dict[str, Path]) -> None:
    proposed = load_contract(branches["inferred"])
    assert (proposed.feature("branch").kind, proposed.feature("branch").categories) == (
        "category", CODES
    )  # fmt: skip
    assert proposed.feature("tenure_months").kind == "integer"  # ordinary numbers stay numbers


@pytest.mark.batch
def test_batch_scoring_reads_the_codes_as_the_contract_names_them(
    branches: dict[str, Path],
) -> None:
    out = branches["batch"].parent / "predictions.csv"
    args = ["--workdir", str(branches["work"]), "--input", str(branches["batch"])]
    code, printed, err = call(["batch-score", *args, "--output", str(out)])
    assert code == 0, err
    assert "scored 30 rows" in printed


@pytest.mark.online
def test_monitor_counts_the_codes_as_known_categories(branches: dict[str, Path]) -> None:
    code, printed, err = call(["monitor", "--workdir", str(branches["work"]),
                               "--current", str(branches["data"])])  # fmt: skip
    assert code == 0, err  # the training rows themselves: no drift, nothing invalid
    report = Path(printed.split("report: ", 1)[1].split(";", 1)[0])
    branch = json.loads(report.read_text(encoding="utf-8"))["features"]["branch"]
    assert branch["invalid"] == 0 and branch["psi"] < 0.01


def test_a_multiclass_label_of_codes_keeps_its_classes(tmp_path: Path) -> None:
    """Classes ``01``, ``02``, ``03`` were inferred as ``1``, ``2``, ``3``."""
    frame = pd.read_csv(bundled("wine", tmp_path), dtype={"row_id": str})
    data = tmp_path / "wine-codes.csv"
    frame.assign(target=frame["target"].map({0: "01", 1: "02", 2: "03"})).to_csv(data, index=False)
    code, out, err = infer(data, "multiclass", tmp_path / "c.yaml")
    assert code == 0, out + err
    assert yaml.safe_load((tmp_path / "c.yaml").read_text())["classes"] == ["01", "02", "03"]
    run = train(tmp_path / "work", "--data", str(data), "--contract", str(tmp_path / "c.yaml"),
                "--set", "data.min_rows=100", "--set", "model.params={}")  # fmt: skip
    assert run.exit_code == 0, run.err
    assert "classes {'01'" in run.out
