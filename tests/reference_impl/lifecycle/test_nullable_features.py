"""A column a table leaves empty in some rows trains, scores and is monitored (``nullable``).

A contract accepted no empty cell: ``contract infer`` refused such a column ("has empty
values; the contract accepts none"), and a team whose income or usage column had gaps had
to fill them upstream or leave the column out. A feature may now be ``nullable: true``: the
model fills an empty number with the training median and sees a 0/1 column saying it was
empty, and encodes an empty category as no category.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from reference_impl.data import TRAINING_DATA
from reference_impl.exit_codes import ExitCode
from tests.reference_impl.lifecycle.conftest import WEAKER, call, train
from tests.reference_impl.lifecycle.test_your_data_your_model import download_champion

GAPS = ("data_usage_gb", "late_payments_12m", "plan")
REVIEW_GAPS = "# A nullable feature had empty cells in the sample: if an empty cell means a value"
NOT_NULLABLE = "row 0, field 'age': expected a number, got null"
SEGMENT_GAP = "segment 'region' cannot be nullable: the review compares its groups"
SEGMENT_GAPS_INFERRED = "--segment 'region' has empty values: the review compares its groups"
EVERY_ROW_EMPTY = "column 'blank' is empty in every row: leave it out with --ignore"


@pytest.fixture(scope="module")
def gaps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample with two numeric columns part empty, its inferred contract, a model of it."""
    folder = tmp_path_factory.mktemp("gaps")
    frame = pd.read_csv(TRAINING_DATA, dtype={"customer_id": str})
    frame.loc[frame.index % 10 == 3, "data_usage_gb"] = None
    frame.loc[frame.index % 7 == 2, "late_payments_12m"] = None
    frame.loc[frame.index % 11 == 5, "plan"] = None
    data, contract, batch = folder / "customers.csv", folder / "contract.yaml", folder / "b.csv"
    frame.to_csv(data, index=False)
    frame.drop(columns=["cancelled"]).head(200).to_csv(batch, index=False)
    code, _, err = call(["contract", "infer", "--data", str(data), "--label", "cancelled",
                         "--task", "binary", "--id", "customer_id", "--segment", "region",
                         "--out", str(contract)])  # fmt: skip
    assert code == ExitCode.OK, err
    run = train(folder / "work", "--data", str(data), "--contract", str(contract))
    assert run.exit_code == ExitCode.OK, run.err
    assert run.run_dir is not None
    return {"data": data, "contract": contract, "batch": batch, "work": folder / "work",
            "run": run.run_dir}  # fmt: skip


def test_infer_marks_the_columns_with_gaps_nullable_and_no_other(gaps: dict[str, Path]) -> None:
    from reference_impl.contract import load_contract

    contract = load_contract(gaps["contract"])
    assert {f.name for f in contract.features if f.nullable} == set(GAPS)
    assert REVIEW_GAPS in gaps["contract"].read_text(encoding="utf-8")  # the header says why


def test_an_estimator_that_refuses_empty_cells_trains_on_them_filled(
    gaps: dict[str, Path], tmp_path: Path
) -> None:
    run = train(tmp_path, "--data", str(gaps["data"]), "--contract", str(gaps["contract"]), *WEAKER)
    assert run.exit_code == ExitCode.OK, run.err  # a logistic regression: NaN would stop its fit


def test_the_model_card_says_which_features_may_be_empty(gaps: dict[str, Path]) -> None:
    card = (gaps["run"] / "review" / "evidence" / "model_card.md").read_text(encoding="utf-8")
    rows = [line.split("|")[1].strip() for line in card.splitlines() if ", or empty" in line]
    assert sorted(rows) == sorted(GAPS)


@pytest.mark.online
def test_an_online_null_is_scored_as_the_model_scores_it(
    gaps: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reference_impl.modeling.packaging import load_model_dir
    from reference_impl.registry import CHAMPION
    from reference_impl.scoring import score

    download_champion(gaps["work"], tmp_path, CHAMPION)
    monkeypatch.setenv("AZUREML_MODEL_DIR", str(tmp_path))
    score.init()
    model = load_model_dir(tmp_path)
    rows = pd.read_csv(gaps["batch"]).head(10)[model.contract.feature_names]
    assert rows[list(GAPS)].isna().any().all()  # the rows hold empty cells of both
    records = [
        {k: None if pd.isna(v) else v for k, v in r.items()} for r in rows.to_dict("records")
    ]
    answer = score.run(json.dumps({"data": records}))
    scores = [p["churn_probability"] for p in answer["predictions"]]
    assert all(math.isfinite(s) for s in scores)
    assert scores == pytest.approx(model.scores(rows).tolist(), abs=1e-6)
    from reference_impl.azureml.online import smoke_check
    from reference_impl.scoring.smoke_request import smoke_request

    smoke = smoke_request(model.contract)  # what a release sends the new deployment
    assert [smoke["data"][-1][name] for name in GAPS] == [None] * len(GAPS)
    assert smoke_check(smoke, json.dumps(score.run(json.dumps(smoke))), "binary") is None
    records[0]["age"] = None  # a feature the contract does not mark nullable
    refused = score.run(json.dumps({"data": records}))
    assert refused.status_code == 400 and json.loads(refused.data)["message"] == NOT_NULLABLE


@pytest.mark.batch
def test_batch_scoring_reads_the_gaps(gaps: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "scored.csv"
    code, _, err = call(["batch-score", "--workdir", str(gaps["work"]), "--input",
                         str(gaps["batch"]), "--output", str(out)])  # fmt: skip
    assert code == ExitCode.OK, err
    assert pd.read_csv(out)["churn_probability"].notna().sum() == 200


def test_monitoring_counts_the_gaps_as_part_of_the_distribution(gaps: dict[str, Path]) -> None:
    code, _, err = call(
        ["monitor", "--workdir", str(gaps["work"]), "--current", str(gaps["batch"])]
    )
    assert code == ExitCode.OK, err
    report = json.loads((gaps["work"] / "monitoring" / "b" / "report.json").read_text())
    for name in GAPS:
        assert report["features"][name]["bins"][-1] == "empty"
        assert report["features"][name]["empty"] > 0
    assert report["invalid_share"] == 0  # an allowed empty cell is no bad cell


def test_a_column_that_stops_arriving_shows_as_drift(gaps: dict[str, Path], tmp_path: Path) -> None:
    gone = tmp_path / "gone.csv"
    pd.read_csv(gaps["batch"]).assign(data_usage_gb=None).to_csv(gone, index=False)
    code, _, err = call(["monitor", "--workdir", str(gaps["work"]), "--current", str(gone)])
    assert code == ExitCode.RETRAIN_RECOMMENDED, err
    report = json.loads((gaps["work"] / "monitoring" / "gone" / "report.json").read_text())
    assert "data_usage_gb" in report["drifted_features"]


def test_a_segment_cannot_be_nullable(tmp_path: Path) -> None:
    import yaml

    from reference_impl.contract import load_contract

    raw = load_contract().model_dump(mode="json")
    raw["features"] = [{**f, "nullable": f["name"] == "region"} for f in raw["features"]]
    contract = tmp_path / "contract.yaml"
    contract.write_text(yaml.safe_dump(raw), encoding="utf-8")
    run = train(tmp_path / "work", "--contract", str(contract))
    assert run.exit_code == ExitCode.USAGE
    assert SEGMENT_GAP in run.err and "Traceback" not in run.err
    assert run.run_dir is None  # no run started


def test_infer_refuses_a_segment_with_gaps(gaps: dict[str, Path], tmp_path: Path) -> None:
    frame = pd.read_csv(gaps["data"], dtype={"customer_id": str})
    frame.loc[4, "region"] = None
    data = tmp_path / "customers.csv"
    frame.to_csv(data, index=False)
    code, _, err = call(["contract", "infer", "--data", str(data), "--label", "cancelled",
                         "--task", "binary", "--id", "customer_id", "--segment", "region",
                         "--out", str(tmp_path / "c.yaml")])  # fmt: skip
    assert code == ExitCode.BAD_DATA
    assert SEGMENT_GAPS_INFERRED in err


def test_the_logged_mlflow_model_takes_rows_with_gaps(
    gaps: dict[str, Path], tmp_path: Path
) -> None:
    """What ``mlflow.pyfunc`` (and a no-code deployment) checks: a ``long`` column holds no gap."""
    import mlflow

    from reference_impl.registry import CHAMPION

    download_champion(gaps["work"], tmp_path, CHAMPION)
    model = mlflow.pyfunc.load_model(str(next(tmp_path.rglob("MLmodel")).parent))
    rows = pd.read_csv(gaps["batch"]).drop(columns=["customer_id"]).head(20)
    assert rows["late_payments_12m"].isna().any()  # an integer feature, read as float64
    assert rows["plan"].isna().any()  # a category: its column stays text
    assert len(model.predict(rows)) == 20


def test_a_column_empty_in_every_row_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "sample.csv"
    pd.DataFrame({"row_id": range(40), "x": [1.5, 2.5] * 20, "blank": [None] * 40,
                  "target": [0, 1] * 20}).to_csv(data, index=False)  # fmt: skip
    out = tmp_path / "c.yaml"
    code, _, err = call(["contract", "infer", "--data", str(data), "--label", "target",
                         "--task", "binary", "--id", "row_id", "--out", str(out)])  # fmt: skip
    assert code == ExitCode.BAD_DATA
    assert EVERY_ROW_EMPTY in err
