"""The single description of the pipeline: sound wiring, and step command lines that match it."""

from __future__ import annotations

import importlib
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from reference_impl.config import ENVIRONMENTS, load_config
from reference_impl.config.param_text import parse_params
from reference_impl.pipeline.graph import (
    TRAINING_PIPELINE,
    Input,
    Output,
    Param,
    Pipeline,
    Step,
)
from tests.reference_impl.lifecycle.conftest import ROOT


def test_the_shipped_graph_is_sound() -> None:
    assert TRAINING_PIPELINE.check() == []
    assert [s.name for s in TRAINING_PIPELINE.steps] == [
        "validate", "prep", "train", "evaluate", "review", "gate", "register",
    ]  # fmt: skip


def test_check_finds_wiring_mistakes() -> None:
    reads_late = Step("a", "m", "d", inputs=(Input("x", "uri_folder", "b.out", "d"),))
    produces = Step("b", "m", "d", outputs=(Output("out", "uri_folder", "d"),))
    twice = Step(
        "b", "m", "d", params=(Param("p", "integer", "k", "d"), Param("p", "integer", "k", "d"))
    )
    broken = Pipeline("p", (), (reads_late, produces, twice))
    assert broken.check() == [
        "step 'a' reads 'b.out' before anything produces it",
        "step 'b' is defined twice",
        "step 'b' uses --p twice",
    ]


def test_step_lookup() -> None:
    assert TRAINING_PIPELINE.step("gate").module == "reference_impl.steps.gate"
    with pytest.raises(KeyError):
        TRAINING_PIPELINE.step("deploy")


def test_every_param_resolves_from_each_environment() -> None:
    for env in ENVIRONMENTS:
        values = TRAINING_PIPELINE.param_values(load_config(env))
        for step in TRAINING_PIPELINE.steps:
            assert set(values[step.name]) == {p.name for p in step.params}
    assert TRAINING_PIPELINE.param_values(load_config("prod"))["gate"]["min_improvement"] == 0.005


def test_command_uses_azure_ml_placeholders() -> None:
    assert TRAINING_PIPELINE.step("prep").command() == (
        "python -m reference_impl.steps.prep"
        " --validated_data ${{inputs.validated_data}}"
        " --holdout_percent ${{inputs.holdout_percent}}"
        " --train_data ${{outputs.train_data}}"
        " --holdout_data ${{outputs.holdout_data}}"
    )


@pytest.mark.parametrize("step", TRAINING_PIPELINE.steps, ids=lambda s: s.name)
def test_each_step_module_parses_exactly_its_ports_and_params(step: Step) -> None:
    module = importlib.import_module(step.module)
    assert callable(module.main)
    flags = {a.dest for a in step.parser()._actions if a.dest != "help"}
    assert flags == {p.name for p in (*step.inputs, *step.outputs, *step.params)}
    with pytest.raises(SystemExit) as exit_info:
        module.main([])  # every port and param is required
    assert exit_info.value.code == 2


def test_argv_round_trips_through_the_parser(tmp_path: Path) -> None:
    step = TRAINING_PIPELINE.step("train")
    paths = {p.name: tmp_path / p.name for p in (*step.inputs, *step.outputs)}
    values = TRAINING_PIPELINE.param_values(load_config("dev"))["train"]
    args = step.parser().parse_args(step.argv(paths, values))
    assert args.train_data == tmp_path / "train_data"
    assert args.estimator == "sklearn.ensemble.HistGradientBoostingClassifier"
    assert parse_params(args.params) == {
        "early_stopping": False,
        "learning_rate": 0.05,
        "max_iter": 100,
        "max_leaf_nodes": 15,
    }


def test_a_step_runs_standalone_like_an_azure_ml_command_job(tmp_path: Path) -> None:
    # prep needs no MLflow: run it exactly as Azure ML would, in its own process.
    import pandas as pd

    from reference_impl.contract import load_contract
    from reference_impl.data import TRAINING_DATA
    from reference_impl.steps.files import VALIDATED_ROWS, write_contract, write_rows

    (tmp_path / "validated").mkdir()
    contract = load_contract()
    rows = pd.read_csv(TRAINING_DATA, dtype={contract.id_column: str})
    write_rows(rows, tmp_path / "validated", VALIDATED_ROWS)
    write_contract(tmp_path / "validated", contract)  # as validate leaves it
    step = replace(TRAINING_PIPELINE.step("prep"))
    paths = {"validated_data": tmp_path / "validated", "train_data": tmp_path / "train",
             "holdout_data": tmp_path / "holdout"}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", step.module, *step.argv(paths, {"holdout_percent": 20})],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "prep: 7996 training rows, 2004 holdout rows" in done.stdout
    assert (tmp_path / "holdout" / "holdout.parquet").is_file()


def test_holdout_is_stable_and_about_the_requested_share() -> None:
    from reference_impl.steps.prep import in_holdout

    ids = [f"C{i:05d}" for i in range(10_000)]
    picked = [cid for cid in ids if in_holdout(cid, 20)]
    assert 1_900 < len(picked) < 2_100
    assert picked == [cid for cid in ids if in_holdout(cid, 20)]
    assert set(picked) <= {cid for cid in ids if in_holdout(cid, 30)}  # growing keeps members
