"""task_score: the one metric training and permutation importance use, as holdout_metrics has it."""

from __future__ import annotations

import numpy as np
import pytest

from reference_impl.contract import load_contract
from reference_impl.modeling.task_metrics import TRAIN_METRIC, holdout_metrics, task_score

CLASSES = ("bronze", "gold", "silver")  # sorted, as a fitted model orders its classes


def task_data(task: str, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Labels and scores of 400 rows, shaped as the task's model outputs them."""
    if task == "binary":
        return rng.integers(0, 2, 400), rng.random(400)
    if task == "multiclass":
        probabilities = rng.random((400, 3))
        return rng.choice(CLASSES, 400), probabilities / probabilities.sum(axis=1, keepdims=True)
    truth = rng.normal(size=400)
    return truth, truth + rng.normal(scale=0.5, size=400)


@pytest.mark.parametrize("task", sorted(TRAIN_METRIC))
def test_task_score_is_the_train_metric_of_holdout_metrics(task):
    contract = load_contract().model_copy(update={"task": task})
    truth, scores = task_data(task, np.random.default_rng(7))
    classes = CLASSES if task == "multiclass" else ()
    expected = holdout_metrics(contract, truth, scores, 0.4, classes)[TRAIN_METRIC[task]]
    assert task_score(contract, truth, scores, 0.4, classes) == expected


def test_a_class_absent_from_a_segment_does_not_lower_its_macro_recall():
    """A class nobody in the segment has has no recall; averaged in as 0 it opened a gap."""
    from reference_impl.modeling.task_metrics import segment_records, segment_rule

    contract = load_contract().model_copy(update={"task": "multiclass"})
    one_hot = dict(zip(CLASSES, np.eye(3), strict=True))
    # segment "x" holds bronze and gold only; one bronze row is predicted silver
    truth = ["bronze", "bronze", "gold", "gold", "bronze", "gold", "silver"]
    predicted = ["bronze", "silver", "gold", "gold", "bronze", "gold", "silver"]
    segments = ["x", "x", "x", "x", "y", "y", "y"]
    scores = np.array([one_hot[name] for name in predicted])
    records = segment_records(contract, truth, scores, segments, 0.5, CLASSES)
    assert [record["recall"] for record in records] == [0.75, 1.0]  # x: (1/2 + 2/2) / 2
    assert segment_rule(contract, records) == {"segment_recall_gap": 0.25}
