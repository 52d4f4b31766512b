"""End to end: train, promote a better model, refuse worse ones, all on the embedded defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from reference_impl.config.project import load_project
from tests.reference_impl.identity import MODEL
from tests.reference_impl.lifecycle.conftest import Lifecycle, registry_state

PROJECT = load_project()


def test_every_run_exits_zero_whatever_the_gate_decided(lifecycle: Lifecycle) -> None:
    for name, run in lifecycle.runs.items():
        assert run.exit_code == 0, f"{name}: {run.err}"
        assert run.run_dir is not None


def test_progress_and_summary_are_printed(lifecycle: Lifecycle) -> None:
    out = lifecycle.runs["first"].out
    steps = ["validate", "prep", "train", "evaluate", "review", "gate", "register"]
    for number, step in enumerate(steps, 1):
        assert f"[{number}/{len(steps)}] {step}:" in out
    assert "summary" in out
    assert "holdout: roc_auc 0." in out
    assert f"registered: {MODEL} version 1 (challenger, champion); champion is version 1" in out


def test_the_summary_says_where_the_model_card_and_plots_are(lifecycle: Lifecycle) -> None:
    """A first run ended on the registry line: where the card and the plots of that run were
    written, a team found only by reading the page on the working directory."""
    run = lifecycle.runs["first"]
    assert run.run_dir is not None
    shown = dict(
        line.strip().split(": ", 1)
        for line in run.out.split("\nsummary\n", 1)[1].splitlines()
        if line.startswith(("  model card: ", "  plots: "))
    )
    card, plots = Path(shown["model card"]), Path(shown["plots"])
    assert card == run.run_dir / "review" / "evidence" / "model_card.md"
    assert card.read_text(encoding="utf-8").startswith("# Model card")
    assert plots == run.run_dir / "evaluate" / "evaluation"
    assert [p.suffix for p in plots.iterdir()].count(".png") >= 3


def test_first_model_becomes_champion(lifecycle: Lifecycle) -> None:
    decision = lifecycle.runs["first"].read("gate", "decision", "decision.json")
    assert decision["approved"] is True
    assert decision["champion"] is None
    assert {"rule": "beats champion", "passed": True, "detail": "no champion yet"} in decision[
        "checks"
    ]


def test_better_challenger_replaces_champion(lifecycle: Lifecycle) -> None:
    run = lifecycle.runs["better"]
    decision = run.read("gate", "decision", "decision.json")
    assert decision["approved"] is True
    assert decision["champion"]["version"] == "1"
    assert decision["challenger"]["roc_auc"] - decision["champion"]["metrics"]["roc_auc"] >= 0.002
    assert run.read("register", "registration", "registration.json") == {
        "model_name": MODEL,
        "version": "2",
        "aliases": ["challenger", "champion"],
        "champion_version": "2",
    }


@pytest.mark.parametrize("name, version", [("worse", "3"), ("repeat", "4")])
def test_worse_challenger_never_becomes_champion(
    lifecycle: Lifecycle, name: str, version: str
) -> None:
    run = lifecycle.runs[name]
    decision = run.read("gate", "decision", "decision.json")
    assert decision["approved"] is False
    failed = [check["rule"] for check in decision["checks"] if not check["passed"]]
    assert "beats champion" in failed
    registration = run.read("register", "registration", "registration.json")
    assert registration["version"] == version
    assert registration["aliases"] == ["challenger"]
    assert registration["champion_version"] == "2"
    assert "gate: rejected" in run.out


def test_deliberately_worse_setting_fails_the_recall_floor_too(lifecycle: Lifecycle) -> None:
    decision = lifecycle.runs["worse"].read("gate", "decision", "decision.json")
    failed = {check["rule"] for check in decision["checks"] if not check["passed"]}
    # and, on the rows the champion was approved on (its reference holdout), it falls behind
    assert failed == {"recall floor", "beats champion", "holds on reference holdout"}


def test_registry_after_the_four_runs(lifecycle: Lifecycle) -> None:
    versions, aliases = registry_state(lifecycle.workdir)
    assert versions == ["1", "2", "3", "4"]
    assert aliases == {"champion": "2", "challenger": "4"}


def test_same_seed_same_metrics(lifecycle: Lifecycle) -> None:
    first = lifecycle.runs["first"].read("evaluate", "evaluation", "metrics.json")
    repeat = lifecycle.runs["repeat"].read("evaluate", "evaluation", "metrics.json")
    assert first == repeat
    segments = [
        lifecycle.runs[n].read("evaluate", "evaluation", "segments.json")
        for n in ("first", "repeat")
    ]
    assert segments[0] == segments[1]


def test_champion_is_rescored_on_the_same_holdout(lifecycle: Lifecycle) -> None:
    # "repeat" trains exactly what version 1 was; the gate re-scores champion v2 on the holdout,
    # and v2's numbers must equal what "better" measured for itself on that holdout.
    better = lifecycle.runs["better"].read("evaluate", "evaluation", "metrics.json")
    champion = lifecycle.runs["repeat"].read("gate", "decision", "decision.json")["champion"]
    assert champion["version"] == "2"
    for metric in ("roc_auc", "pr_auc", "recall", "precision"):
        assert champion["metrics"][metric] == pytest.approx(better[metric])


def test_evaluation_outputs(lifecycle: Lifecycle) -> None:
    folder = lifecycle.runs["better"].run_dir / "evaluate" / "evaluation"
    for plot in ("roc.png", "pr.png", "confusion.png"):
        assert (folder / plot).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    metrics = lifecycle.runs["better"].read("evaluate", "evaluation", "metrics.json")
    assert set(metrics) >= {
        "roc_auc",
        "pr_auc",
        "f1",
        "precision",
        "recall",
        "accuracy",
        "threshold",
    }
    assert 0.78 < metrics["roc_auc"] < 0.9
    segments = lifecycle.runs["better"].read("evaluate", "evaluation", "segments.json")
    assert [s["segment"] for s in segments] == ["east", "north", "south", "west"]
    assert sum(s["rows"] for s in segments) == metrics["rows"]


def test_mlflow_tracks_params_metrics_model_and_decision(lifecycle: Lifecycle) -> None:
    import mlflow
    from mlflow import MlflowClient
    from mlflow.models import Model

    registry_state(lifecycle.workdir)  # points MLflow at the workdir
    client = MlflowClient()
    version = client.get_model_version_by_alias(MODEL, "champion")
    train_run = client.get_run(version.run_id)
    assert train_run.data.params["estimator"] == "sklearn.ensemble.HistGradientBoostingClassifier"
    assert train_run.data.params["seed"] == "42"
    assert "train_roc_auc" in train_run.data.metrics
    parent = client.get_run(train_run.data.tags["mlflow.parentRunId"])
    assert parent.info.status == "FINISHED"
    children = client.search_runs(
        [parent.info.experiment_id], f"tags.mlflow.parentRunId = '{parent.info.run_id}'"
    )
    by_name = {run.info.run_name: run for run in children}
    assert set(by_name) == {"validate", "prep", "train", "evaluate", "review", "gate", "register"}
    assert by_name["evaluate"].data.metrics["holdout_roc_auc"] > 0.78
    assert by_name["gate"].data.tags["gate.decision"] == "approved"
    model_path = mlflow.artifacts.download_artifacts(f"models:/{MODEL}/{version.version}")
    model = Model.load(model_path)
    assert model.signature.inputs.input_names()[:2] == ["tenure_months", "monthly_charges"]
    assert model.saved_input_example_info is not None
    assert model.metadata["contract"]["label"] == "cancelled"


def test_everything_stays_under_the_workdir(lifecycle: Lifecycle) -> None:
    assert (lifecycle.workdir / "mlflow.db").is_file()
    assert not (Path.cwd() / "mlruns").exists()
    for run in lifecycle.runs.values():
        info = run.read("train", "model", "model_info.json")
        assert info["model_uri"] == f"runs:/{info['run_id']}/model"
        artifacts = lifecycle.workdir / "mlartifacts" / info["run_id"] / "artifacts"
        assert (artifacts / "model" / "MLmodel").is_file()
