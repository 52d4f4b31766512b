"""A champion trained under another contract is not compared, and not replaced, by accident.

A new project's first ``train`` registers a model of the sample data under the team's model
name; the next run, on the team's own table with its own contract, met that champion at the
gate and ended in a ``KeyError`` traceback, as did a challenger with a feature more or fewer.
Now a run whose label, task or classes differ stops at the gate with one sentence and exit
code 4, the registry left as it was; a feature fewer is compared with the champion on the
champion's reference holdout (today's rows lack the dropped column); a feature more is judged
on today's holdout and told the reference check was not applied; a feature swapped for another,
which no rows hold for both models, stops.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from reference_impl import contract as contracts
from reference_impl.data import TRAINING_DATA
from reference_impl.steps import comparable
from tests.reference_impl.lifecycle.conftest import call, registry_state, stopped_at_gate, train
from tests.reference_impl.lifecycle.processes import FAST

CONTRACT = contracts.load_contract()
RAW = yaml.safe_load(contracts.contract_path(contracts.CONTRACT_FILE).read_text(encoding="utf-8"))
DROPPED = CONTRACT.feature_names[-1]
"""The feature a team drops in the 'column gone' case; the sample's last one."""


def _other_label(raw: dict[str, Any], frame: pd.DataFrame) -> tuple[dict, pd.DataFrame]:
    return {**raw, "label": "renewed"}, frame.rename(columns={CONTRACT.label: "renewed"})


def _column_gone(raw: dict[str, Any], frame: pd.DataFrame) -> tuple[dict, pd.DataFrame]:
    features = [feature for feature in raw["features"] if feature["name"] != DROPPED]
    return {**raw, "features": features}, frame.drop(columns=[DROPPED])


def _new_column(raw: dict[str, Any], frame: pd.DataFrame) -> tuple[dict, pd.DataFrame]:
    added = {"name": "visits_30d", "kind": "integer", "minimum": 0, "maximum": 99}
    frame = frame.assign(visits_30d=frame.index % 7)
    return {**raw, "features": [*raw["features"], added]}, frame


Change = Callable[[dict[str, Any], pd.DataFrame], tuple[dict, pd.DataFrame]]
"""What a team changed: the contract as YAML and the data, before and after."""


def _swapped(raw: dict[str, Any], frame: pd.DataFrame) -> tuple[dict, pd.DataFrame]:
    return _new_column(*_column_gone(raw, frame))


CASES: dict[str, tuple[Change, str]] = {
    "another-label": (_other_label, f"' ({CONTRACT.task}) and this model 'renewed' ("),
    "a-feature-swapped": (
        _swapped,
        f"reads column(s) '{DROPPED}' that this run's holdout lacks, and no other rows hold",
    ),
}


def write_case(tmp_path: Path, change: Change) -> tuple[Path, Path]:
    """The sample data and contract with ``change`` made: the data file and the contract file."""
    raw, frame = change(RAW, pd.read_csv(TRAINING_DATA, dtype={CONTRACT.id_column: str}))
    contract, data = tmp_path / "contract.yaml", tmp_path / "data.csv"
    contract.write_text(yaml.safe_dump(raw), encoding="utf-8")
    frame.to_csv(data, index=False)
    return data, contract


def gate_decision(workdir: Path, tmp_path: Path, change: Change) -> dict[str, Any]:
    """Train on the sample with ``change`` made, in ``workdir``; the gate's decision."""
    data, contract = write_case(tmp_path, change)
    run = train(workdir, "--data", str(data), "--contract", str(contract), *FAST)
    assert run.exit_code == 0, run.err
    return run.read("gate", "decision", "decision.json")


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
def test_a_model_of_other_columns_stops_at_the_gate_and_keeps_the_champion(
    champion_workdir: Path, tmp_path: Path, case: str
) -> None:
    change, excerpt = CASES[case]
    before = registry_state(champion_workdir)
    data, contract = write_case(tmp_path, change)
    argv = ["train", "--workdir", str(champion_workdir), "--data", str(data)]
    sentence = stopped_at_gate(*call([*argv, "--contract", str(contract), *FAST]))
    assert excerpt in sentence
    assert sentence.startswith("error: the champion (version 1) ")
    assert "so the gate cannot compare them: nothing was registered" in sentence
    assert sentence.endswith("a name of its own (registry.model_name)")
    assert registry_state(champion_workdir) == before


@pytest.mark.slow
def test_a_new_feature_is_judged_without_the_reference_rows_that_lack_it(
    champion_workdir: Path, tmp_path: Path
) -> None:
    decision = gate_decision(champion_workdir, tmp_path, _new_column)
    checks = {check["rule"]: check for check in decision["checks"]}
    assert checks["holds on reference holdout"]["passed"] is True
    assert checks["holds on reference holdout"]["detail"] == (
        "not applied: the rows the champion was approved on lack column(s) 'visits_30d' "
        "that this model reads"
    )
    assert "beats champion" in checks  # today's holdout still judges it
    assert decision["reference"] is None and decision["data_problem"] is None


@pytest.mark.slow
def test_a_feature_fewer_is_compared_on_the_champions_reference_rows(
    champion_workdir: Path, tmp_path: Path
) -> None:
    decision = gate_decision(champion_workdir, tmp_path, _column_gone)
    checks = {check["rule"]: check["detail"] for check in decision["checks"]}
    assert " on the champion's reference holdout: change " in checks["beats champion"]
    reference = decision["reference"]
    metric = decision["rules"]["metric"]
    assert f"{reference['champion'][metric]:.4f} on the champion's" in checks["beats champion"]
    assert decision["champion"]["metrics"] is None  # today's rows lack what it reads
    assert decision["data_problem"] is None


@pytest.mark.slow
def test_flipped_labels_with_a_feature_fewer_lose_on_the_reference_rows(
    champion_workdir: Path, tmp_path: Path
) -> None:
    """Without today's figure for the champion its fall is not checked; the rows it was
    approved on still judge, and a model of flipped labels is far behind there."""

    def flipped(raw: dict[str, Any], frame: pd.DataFrame) -> tuple[dict, pd.DataFrame]:
        raw, frame = _column_gone(raw, frame)
        return raw, frame.assign(**{CONTRACT.label: 1 - frame[CONTRACT.label]})

    decision = gate_decision(champion_workdir, tmp_path, flipped)
    failed = [check["rule"] for check in decision["checks"] if not check["passed"]]
    assert failed == ["beats champion"]  # its floors pass on its own flipped holdout
    metric = decision["rules"]["metric"]
    assert decision["reference"]["challenger"][metric] < 0.5
    assert decision["approved"] is False


def _contract(**changes: Any) -> Any:
    return contracts.parse_contract({**RAW, **changes}, "test")


def test_another_task_on_the_same_label_is_not_compared() -> None:
    task = "binary" if CONTRACT.task == "regression" else "regression"
    other = _contract(task=task, classes=[])
    columns = [CONTRACT.label, *CONTRACT.feature_names]
    message = comparable.comparison_problem("3", CONTRACT, other, columns, columns)
    assert message is not None
    assert message.startswith("the champion (version 3) predicts ")
    assert f"'{CONTRACT.label}' ({task}), so the gate cannot compare them" in message


def test_other_classes_are_not_compared() -> None:
    three = _contract(task="multiclass", classes=["0", "1", "2"])
    four = _contract(task="multiclass", classes=["0", "1", "2", "3"])
    columns = [CONTRACT.label, *CONTRACT.feature_names]
    message = comparable.comparison_problem("2", three, four, columns, columns)
    assert message is not None and "(multiclass: 0, 1, 2, 3)" in message
    assert comparable.comparison_problem("2", three, three, columns, columns) is None
    reordered = _contract(task="multiclass", classes=["2", "0", "1"])  # the same question
    assert comparable.comparison_problem("2", three, reordered, columns, columns) is None


def test_columns_are_listed_five_at_most() -> None:
    message = comparable.comparison_problem("1", CONTRACT, CONTRACT, [], None)
    assert message is not None
    assert f"'{CONTRACT.label}', " in message
    assert (
        f"and {len(CONTRACT.feature_names) + 1 - 5} more that this run's holdout lacks" in message
    )


def test_the_same_contract_and_columns_compare() -> None:
    columns = [CONTRACT.id_column, CONTRACT.label, *CONTRACT.feature_names]
    assert comparable.comparison_problem("1", CONTRACT, CONTRACT, columns, columns) is None
    assert comparable.comparison_problem("1", CONTRACT, None, columns, None) is None
    assert comparable.unread_reference(CONTRACT, columns) is None
