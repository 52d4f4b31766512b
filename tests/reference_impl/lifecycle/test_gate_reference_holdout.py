"""Corrupt data cannot make its own model win: the reference holdout and the champion's figure.

A champion is trained on the sample data; its version carries the holdout it was approved on
(``reference_holdout``) and its registered ROC AUC. Planted corruptions of the next training
file (labels flipped, labels shuffled, labels flipped in one region) must never replace it:
either the champion's fall below its registered figure stops the run (exit 4, one sentence,
nothing registered), or, with that limit raised, the reference holdout rejects the challenger.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from reference_impl.contract import load_contract
from reference_impl.data import TRAINING_DATA
from reference_impl.steps.gate import REFERENCE_TAG, GateRules, data_problem, decide
from tests.reference_impl.identity import MODEL
from tests.reference_impl.lifecycle.conftest import call, registry_state, stopped_at_gate, train
from tests.reference_impl.lifecycle.processes import FAST

CONTRACT = load_contract()

RULES = GateRules(
    metric="roc_auc",
    min_improvement=0.002,
    min_roc_auc=0.7,
    min_recall=0.5,
    max_segment_recall_gap=0.25,
    max_champion_drop=0.1,
    reference_tolerance=0.01,
)
GOOD = {"roc_auc": 0.82, "pr_auc": 0.58, "f1": 0.57, "recall": 0.64, "segment_recall_gap": 0.07}


def corrupt(frame: pd.DataFrame, how: str) -> pd.DataFrame:
    label = CONTRACT.label
    frame = frame.copy()
    if how == "flipped labels":
        frame[label] = 1 - frame[label]
    elif how == "shuffled labels":
        frame[label] = np.random.default_rng(7).permutation(frame[label].to_numpy())
    elif how == "flipped labels in one region":
        region = frame[CONTRACT.segment] == sorted(frame[CONTRACT.segment].unique())[0]
        frame.loc[region, label] = 1 - frame.loc[region, label]
        # and the other regions' labels shuffled, so the champion's ranking is broken overall
        others = ~region
        frame.loc[others, label] = np.random.default_rng(3).permutation(
            frame.loc[others, label].to_numpy()
        )
    return frame


def write_corrupt(tmp_path: Path, how: str) -> Path:
    path = tmp_path / "corrupt.csv"
    frame = pd.read_csv(TRAINING_DATA, dtype={CONTRACT.id_column: str})
    corrupt(frame, how).to_csv(path, index=False)
    return path


@pytest.mark.slow
def test_the_champion_carries_its_reference_holdout(champion_workdir: Path) -> None:
    import mlflow
    from mlflow import MlflowClient

    registry_state(champion_workdir)  # points MLflow at the workdir
    version = MlflowClient().get_model_version_by_alias(MODEL, "champion")
    uri = version.tags[REFERENCE_TAG]
    assert uri.startswith("runs:/") and uri.endswith("/gate/holdout.parquet")
    local = Path(mlflow.artifacts.download_artifacts(artifact_uri=uri))
    (run_dir,) = (champion_workdir / "runs").iterdir()
    holdout = run_dir / "prep" / "holdout_data" / "holdout.parquet"
    assert local.read_bytes() == holdout.read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize(
    "how", ["flipped labels", "shuffled labels", "flipped labels in one region"]
)
def test_corrupt_labels_stop_the_run_and_keep_the_champion(
    champion_workdir: Path, tmp_path: Path, how: str
) -> None:
    before = registry_state(champion_workdir)
    data = write_corrupt(tmp_path, how)
    run = call(["train", "--workdir", str(champion_workdir), "--data", str(data), *FAST])
    sentence = stopped_at_gate(*run)
    assert sentence.startswith("error: the champion (version 1) scores ROC AUC")
    assert "gate.max_champion_drop" in sentence
    print(how, "->", sentence)  # the figures, for the page (run with -s)
    assert registry_state(champion_workdir) == before


@pytest.mark.slow
def test_with_the_limit_raised_the_reference_holdout_still_rejects(
    champion_workdir: Path, tmp_path: Path
) -> None:
    data = write_corrupt(tmp_path, "flipped labels")
    run = train(champion_workdir, "--data", str(data), *FAST,
                "--set", "gate.max_champion_drop=1")  # fmt: skip
    assert run.exit_code == 0, run.err
    decision = run.read("gate", "decision", "decision.json")
    failed = {check["rule"]: check["detail"] for check in decision["checks"] if not check["passed"]}
    # on its own corrupt holdout the corrupt model "wins" by a mile ...
    assert "beats champion" not in failed
    assert decision["challenger"]["roc_auc"] > decision["champion"]["metrics"]["roc_auc"] + 0.3
    # ... but on the rows the champion was approved on it is far behind
    assert "holds on reference holdout" in failed
    assert decision["reference"]["challenger"]["roc_auc"] < 0.5
    assert decision["approved"] is False
    _, aliases = registry_state(champion_workdir)
    assert aliases["champion"] == "1"
    assert run.read("register", "registration", "registration.json")["aliases"] == ["challenger"]
    assert json.loads(json.dumps(decision))["data_problem"] is None


@pytest.mark.slow
def test_a_reference_holdout_logged_as_csv_by_an_earlier_release_still_judges(
    tmp_path: Path,
) -> None:
    """Before rows travelled as Parquet, gates logged ``gate/holdout.csv``: such a champion,
    in a working directory kept across an update, must still be defended by those rows."""
    import mlflow
    from mlflow import MlflowClient

    workdir = tmp_path / "workdir"
    assert train(workdir, *FAST).exit_code == 0
    registry_state(workdir)  # points MLflow at the workdir
    client = MlflowClient()
    version = client.get_model_version_by_alias(MODEL, "champion")
    run_id = version.tags[REFERENCE_TAG].split("/")[1]
    rows = Path(mlflow.artifacts.download_artifacts(artifact_uri=version.tags[REFERENCE_TAG]))
    old = tmp_path / "holdout.csv"
    pd.read_parquet(rows).to_csv(old, index=False)  # what the earlier gate logged
    client.log_artifact(run_id, str(old), "gate")
    old_uri = f"runs:/{run_id}/gate/holdout.csv"
    client.set_model_version_tag(MODEL, version.version, REFERENCE_TAG, old_uri)

    data = write_corrupt(tmp_path, "flipped labels")
    run = train(workdir, "--data", str(data), *FAST, "--set", "gate.max_champion_drop=1")
    assert run.exit_code == 0, run.err
    decision = run.read("gate", "decision", "decision.json")
    assert decision["champion"]["reference_uri"] == old_uri
    assert decision["reference"]["challenger"]["roc_auc"] < 0.5
    assert decision["approved"] is False


def test_data_problem_names_both_figures_and_the_limit() -> None:
    champion = {"version": "3", "metrics": {"roc_auc": 0.18},
                "registered": {"metric": "roc_auc", "value": 0.83}}  # fmt: skip
    message = data_problem(champion, RULES)
    assert message is not None
    assert "version 3" in message and "0.180" in message and "0.830" in message
    assert "gate.max_champion_drop 0.100" in message


@pytest.mark.parametrize(
    "today, stops", [(0.83, False), (0.75, False), (0.735, False), (0.725, True), (0.18, True)]
)
def test_data_problem_threshold(today: float, stops: bool) -> None:
    champion = {"version": "1", "metrics": {"roc_auc": today},
                "registered": {"metric": "roc_auc", "value": 0.83}}  # fmt: skip
    assert (data_problem(champion, RULES) is not None) is stops


def test_no_champion_or_no_registered_figure_is_no_data_problem() -> None:
    assert data_problem(None, RULES) is None
    legacy = {"version": "1", "metrics": {"roc_auc": 0.1}, "registered": None}
    assert data_problem(legacy, RULES) is None


@pytest.mark.parametrize(
    "challenger_ref, approved",
    [(0.83, True), (0.80, True), (0.795, True), (0.785, False), (0.5, False)],
)
def test_reference_holdout_check(challenger_ref: float, approved: bool) -> None:
    reference = {"challenger": {"roc_auc": challenger_ref}, "champion": {"roc_auc": 0.80}}
    checks = decide(GOOD, {**GOOD, "roc_auc": 0.80}, RULES, reference)
    assert checks[-1].rule == "holds on reference holdout"
    assert checks[-1].passed is approved
    assert all(check.passed for check in checks) is approved


def test_thresholds_are_configuration() -> None:
    from reference_impl.config import load_config

    gate = load_config("prod").gate
    assert gate.max_champion_drop == pytest.approx(0.10)
    assert gate.reference_tolerance == pytest.approx(0.01)
    rules = GateRules(**gate.model_dump())
    assert rules.max_champion_drop == gate.max_champion_drop
