"""Steps that log to MLflow also run on their own, starting their own run (as an Azure ML job)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reference_impl.config.project import load_project
from reference_impl.steps import evaluate, gate, register, review, train
from tests.reference_impl.identity import MODEL
from tests.reference_impl.lifecycle.conftest import Lifecycle, registry_state

PROJECT = load_project()


@pytest.fixture
def tracked(lifecycle: Lifecycle) -> Lifecycle:
    import mlflow

    registry_state(lifecycle.workdir)  # points MLflow at the shared workdir
    assert mlflow.active_run() is None
    return lifecycle


def test_evaluate_and_gate_standalone(tracked: Lifecycle, tmp_path: Path, capsys) -> None:
    import mlflow

    run_dir = tracked.runs["better"].run_dir
    code = evaluate.main(
        [
            "--model",
            str(run_dir / "train" / "model"),
            "--holdout_data",
            str(run_dir / "prep" / "holdout_data"),
            "--threshold",
            "0.35",
            "--evaluation",
            str(tmp_path / "evaluation"),
        ]
    )
    assert code == 0
    assert mlflow.active_run() is None  # the step's own run was closed
    code = gate.main(
        [
            "--evaluation",
            str(tmp_path / "evaluation"),
            "--holdout_data",
            str(run_dir / "prep" / "holdout_data"),
            "--model",
            str(run_dir / "train" / "model"),
            "--model_name",
            MODEL,
            "--metric",
            "roc_auc",
            "--direction",
            "higher",
            "--min_improvement",
            "0.002",
            "--min_roc_auc",
            "0.7",
            "--min_recall",
            "0.5",
            "--min_r2",
            "0.0",
            "--max_segment_recall_gap",
            "0.25",
            "--max_segment_error_ratio",
            "2.0",
            "--max_champion_drop",
            "0.1",
            "--reference_tolerance",
            "0.01",
            "--threshold",
            "0.35",
            "--decision",
            str(tmp_path / "decision"),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    # v2 against itself: no improvement, so the gate refuses to re-promote it.
    assert "gate: rejected" in out
    assert "FAIL  beats champion: roc_auc" in out
    assert "change +0.0000" in out


def test_train_and_register_standalone_without_gate_approval(
    tracked: Lifecycle, tmp_path: Path
) -> None:
    run_dir = tracked.runs["better"].run_dir
    code = train.main(
        [
            "--train_data",
            str(run_dir / "prep" / "train_data"),
            "--estimator",
            "sklearn.linear_model.LogisticRegression",
            "--params",
            "max_iter=50",
            "--train_function",
            "none",
            "--seed",
            "1",
            "--threshold",
            "0.35",
            "--bins",
            "5",
            "--model",
            str(tmp_path / "model"),
        ]
    )
    assert code == 0
    assert (tmp_path / "model" / "mlflow_model" / "MLmodel").is_file()
    model, holdout = str(tmp_path / "model"), str(run_dir / "prep" / "holdout_data")
    evaluation, evidence = str(tmp_path / "evaluation"), str(tmp_path / "evidence")
    argv = ["--model", model, "--holdout_data", holdout, "--threshold", "0.35"]
    assert evaluate.main([*argv, "--evaluation", evaluation]) == 0
    rules = ["--seed", "1", "--max_segment_recall_gap", "0.25"]
    assert review.main([*argv, *rules, "--evaluation", evaluation, "--evidence", evidence]) == 0
    decision = tmp_path / "decision"
    decision.mkdir()
    (decision / "decision.json").write_text('{"approved": false, "challenger": {"roc_auc": 0.5}}')
    versions_before, _ = registry_state(tracked.workdir)
    code = register.main(
        [
            "--model",
            str(tmp_path / "model"),
            "--decision",
            str(decision),
            "--evidence",
            evidence,
            "--model_name",
            f"{MODEL}-sandbox",
            "--registration",
            str(tmp_path / "registration"),
        ]
    )
    assert code == 0
    assert registry_state(tracked.workdir, f"{MODEL}-sandbox") == (
        ["1"],
        {"challenger": "1"},
    )
    assert registry_state(tracked.workdir)[0] == versions_before
