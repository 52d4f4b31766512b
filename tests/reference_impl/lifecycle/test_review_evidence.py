"""The ``review`` step: fairness (fairlearn), feature importance and a model card per version."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from reference_impl.contract import DataContract, load_contract
from reference_impl.modeling.fairness import GROUP_RATES, fairness_report
from reference_impl.modeling.importance import feature_importance
from reference_impl.modeling.metrics import recall_gap, segment_metrics
from reference_impl.modeling.packaging import LoadedModel
from reference_impl.steps.register import REVIEW_TAG
from reference_impl.steps.review import EVIDENCE
from tests.reference_impl.identity import MODEL, PROJECT
from tests.reference_impl.lifecycle.conftest import Lifecycle, registry_state

CONTRACT = load_contract()


def test_fairlearn_and_the_gate_agree_on_the_recall_gap() -> None:
    import fairlearn.metrics as fm

    rng = np.random.default_rng(3)
    groups = rng.choice(["north", "south", "east"], size=600)
    labels = rng.integers(0, 2, size=600)
    probability = np.clip(labels * 0.4 + rng.random(600) * 0.6, 0, 1)
    probability[groups == "east"] *= 0.6  # the model finds fewer positives in one group
    decided = (probability >= 0.5).astype(int)
    ours = recall_gap(segment_metrics(labels, probability, groups, 0.5))
    report = fairness_report(labels, decided, groups, sensitive_feature="region", limit=0.1)
    assert report["equal_opportunity_difference"] == pytest.approx(ours)
    for summary in ("demographic_parity_difference", "equalized_odds_difference"):
        assert report[summary] == getattr(fm, summary)(labels, decided, sensitive_features=groups)
    assert ours > 0.1 and report["within_limit"] is False
    assert [g["group"] for g in report["groups"]] == ["east", "north", "south"]
    assert sum(g["rows"] for g in report["groups"]) == 600
    wide = fairness_report(labels, decided, groups, sensitive_feature="region", limit=ours + 0.01)
    assert wide["within_limit"] is True


def every_row_report(labels, decided, groups) -> list[dict]:
    """fairlearn's MetricFrame on every row, row count included: what the report must equal."""
    import fairlearn.metrics as fm

    names = {"count": "rows", **GROUP_RATES}  # fairlearn's own row count, unweighted
    frame = fm.MetricFrame(
        metrics={name: getattr(fm, name) for name in names},
        y_true=labels, y_pred=decided, sensitive_features=groups,
    )  # fmt: skip
    return [
        {"group": str(group), **{names[k]: float(v) for k, v in row.items()}}
        for group, row in frame.by_group.sort_index().iterrows()
    ]


@pytest.mark.parametrize("seed", range(4))
def test_the_weighted_cells_give_fairlearns_figures_on_every_row(seed: int) -> None:
    import fairlearn.metrics as fm

    rng = np.random.default_rng(seed)
    groups = rng.choice(["north", "south", "east", "west"], size=3_000).astype(object)
    labels = rng.integers(0, 2, size=3_000)
    decided = (rng.random(3_000) < 0.2 + 0.5 * labels).astype(int)
    labels[groups == "west"] = 0  # a group without positives: it has no recall
    decided[groups == "east"] = 1  # a group where every row is flagged
    report = fairness_report(labels, decided, groups, sensitive_feature="region", limit=0.1)
    expected = every_row_report(labels, decided, groups)  # to the last digit...
    assert expected[3]["group"] == "west" and expected[3]["recall"] == 0.0
    expected[3]["recall"] = None  # ...but where fairlearn divides 0 by 0 and says 0.0
    assert report["groups"] == expected
    assert report["demographic_parity_difference"] == fm.demographic_parity_difference(
        labels, decided, sensitive_features=groups
    )
    rated = groups != "west"  # recall is compared between the groups that have one
    opportunity = fm.equal_opportunity_difference(
        labels[rated], decided[rated], sensitive_features=groups[rated]
    )
    false_positives = fm.MetricFrame(
        metrics=fm.false_positive_rate, y_true=labels, y_pred=decided, sensitive_features=groups
    ).difference()
    assert report["equal_opportunity_difference"] == opportunity
    assert report["equalized_odds_difference"] == max(opportunity, false_positives)
    east, west = report["groups"][0], report["groups"][3]  # the edge groups are really there
    assert east["group"] == "east" and east["flagged_rate"] == 1.0
    assert west["group"] == "west" and west["recall"] is None and west["rows"] > 0


def test_a_segment_without_positives_has_no_recall_and_opens_no_gap() -> None:
    """Its recall was 0.0 (a division by zero), a gap to the others that no model could close.

    A team's own data with a small segment and a rare class: the gate rejected a good model
    for a "recall gap between segments 0.6483", the gap to a segment without a positive row.
    """
    from reference_impl.modeling.model_card import _fairness_section

    rng = np.random.default_rng(5)
    groups = np.repeat(["east", "north", "south"], 300)
    labels = rng.integers(0, 2, size=900)
    labels[groups == "north"] = 0
    probability = np.clip(labels * 0.5 + rng.random(900) * 0.5, 0, 1)
    probability[groups == "east"] *= 0.9  # a few of east's positives fall below 0.5
    decided = (probability >= 0.5).astype(int)
    segments = segment_metrics(labels, probability, groups, 0.5)
    assert [record["recall"] is None for record in segments] == [False, True, False]
    gap = recall_gap(segments)
    assert 0 < gap < 0.25
    report = fairness_report(labels, decided, groups, sensitive_feature="region", limit=0.25)
    assert report["groups"][1]["recall"] is None
    assert report["equal_opportunity_difference"] == pytest.approx(gap)
    assert report["within_limit"] is True
    card = "\n".join(_fairness_section(report))
    assert "| north | 300 | " in card and "| n/a |" in card and "n/a: the group has no" in card


def test_equalized_odds_takes_the_false_positive_gap_when_it_is_the_larger() -> None:
    import fairlearn.metrics as fm

    groups = np.repeat(["a", "b"], 200)
    labels = np.tile([1, 0], 200)
    decided = labels.copy()
    decided[200:][labels[200:] == 0] = 1  # group b: every negative flagged, recall the same
    report = fairness_report(labels, decided, groups, sensitive_feature="s", limit=0.1)
    assert report["equal_opportunity_difference"] == 0.0
    assert report["equalized_odds_difference"] == 1.0
    assert report["equalized_odds_difference"] == fm.equalized_odds_difference(
        labels, decided, sensitive_features=groups
    )


def test_a_feature_the_model_ignores_is_least_important() -> None:
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"signal": rng.normal(size=800), "noise": rng.normal(size=800)})
    labels = (frame["signal"] + rng.normal(scale=0.3, size=800) > 0).astype(int)
    model = LogisticRegression().fit(frame[["signal"]].assign(noise=0.0), labels)
    numbers = [{"name": n, "kind": "number", "minimum": -9, "maximum": 9} for n in frame.columns]
    contract = DataContract.model_validate(
        {"features": numbers, "label": "label", "id_column": "id"}
    )
    ranked = feature_importance(LoadedModel(model, contract, 0.5), frame, labels, seed=1)
    assert [r["feature"] for r in ranked] == ["signal", "noise"]
    assert ranked[0]["roc_auc_drop"] > 0.2 and ranked[1]["roc_auc_drop"] == 0.0


def test_every_version_carries_its_model_card_and_evidence(lifecycle: Lifecycle) -> None:
    import mlflow
    from mlflow import MlflowClient

    registry_state(lifecycle.workdir)  # points MLflow at the workdir
    client = MlflowClient()
    versions = client.search_model_versions(f"name='{MODEL}'")
    assert len(versions) == len(lifecycle.runs)
    for version in versions:
        card = version.description
        assert card.startswith(f"# Model card: {PROJECT.title}")
        assert PROJECT.card.owner in card and PROJECT.card.intended_use in card
        assert all(f"| {name} |" in card for name in CONTRACT.feature_names)
        local = mlflow.artifacts.download_artifacts(version.tags[REVIEW_TAG])
        assert sorted(path.name for path in Path(local).iterdir()) == sorted(EVIDENCE)


def test_the_card_states_the_gate_figures_of_its_own_run(lifecycle: Lifecycle) -> None:
    run = lifecycle.runs["better"]
    fairness = run.read("review", "evidence", "fairness.json")
    metrics = run.read("evaluate", "evaluation", "metrics.json")
    assert fairness["sensitive_feature"] == CONTRACT.segment
    assert fairness["equal_opportunity_difference"] == pytest.approx(metrics["segment_recall_gap"])
    card = (run.run_dir / "review" / "evidence" / "model_card.md").read_text()
    assert f"| roc_auc | {metrics['roc_auc']:.3f} |" in card
    segments = run.read("evaluate", "evaluation", "segments.json")
    weakest = min(segments, key=lambda record: record["recall"])
    assert f"- Weakest group: `{weakest['segment']}`, recall {weakest['recall']:.3f}." in card
    assert "## Holdout metrics per" not in card  # a binary model's groups: the fairness table
    importance = run.read("review", "evidence", "importance.json")
    assert {r["feature"] for r in importance} == set(CONTRACT.feature_names)


@pytest.mark.parametrize(
    ("task", "segment", "summary"),
    [
        ("binary", None, "no segment in the contract, no groups compared"),
        ("multiclass", "region", "per-region figures on the model card"),
        ("regression", None, "no segment in the contract, no groups compared"),
    ],
    ids=["binary-without-segment", "multiclass-with-segment", "regression-without-segment"],
)
def test_a_report_without_groups_says_why_in_the_log_and_on_the_card(
    task: str, segment: str | None, summary: str
) -> None:
    """A multi-class model with a segment printed "no segment in the contract" and its card
    said the contract named none; a regressor without one was sent to segments.json."""
    from reference_impl.modeling.fairness import no_segment_report
    from reference_impl.modeling.model_card import render_model_card

    report = no_segment_report(0.25, task, segment)
    assert report["summary"].startswith(summary) and report["groups"] == []
    contract = CONTRACT.model_copy(update={"task": task, "segment": segment})
    card = render_model_card(
        title="t", owner="o", intended_use="u", contract=contract,
        model_info={"run_id": "r", "params": {}}, metrics={"rows": 10.0}, segments=[],
        fairness=report, importance=[],
    )  # fmt: skip
    assert f"Not measured: {report['note']}." in card
    assert ("segments.json" in report["note"]) is (segment is not None)
    no_groups = "- No groups were compared: the data contract names no segment"
    assert (no_groups in card) is (segment is None)
