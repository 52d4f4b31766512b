"""Which features the model relies on: permutation importance on the holdout.

Each feature is shuffled in turn and the drop in the task's holdout score (ROC AUC, accuracy
or R²) is measured. It works for any fitted estimator (it never looks inside the model), on
the raw contract columns a reviewer recognises, not on encoded ones.
"""

from __future__ import annotations

from typing import Any

from reference_impl.modeling.task_metrics import TRAIN_METRIC

REPEATS = 5
"""Shuffles per feature; the report gives their mean and standard deviation."""


IMPORTANCE_SCORING = TRAIN_METRIC
"""The score whose drop measures a feature's importance, per task: the one training reports."""


def feature_importance(
    estimator: Any,
    features: Any,
    labels: Any,
    *,
    seed: int,
    repeats: int = REPEATS,
    scoring: str = "roc_auc",
) -> list[dict[str, Any]]:
    """Permutation importance of every input column, most important first.

    Args:
        estimator: A fitted classifier taking the contract's columns.
        features: Holdout rows, one column per feature.
        labels: Holdout labels.
        seed: Random seed of the shuffles (the training seed, so reruns agree).
        repeats: Shuffles per feature.
        scoring: The score that drops when a feature is shuffled (see
            :data:`IMPORTANCE_SCORING`).

    Returns:
        Records ``feature``, ``<scoring>_drop`` (mean) and ``std``, sorted by the drop.
    """
    from sklearn.inspection import permutation_importance

    result = permutation_importance(
        estimator, features, labels, scoring=scoring, n_repeats=repeats, random_state=seed
    )
    records = [
        {"feature": name, f"{scoring}_drop": float(mean), "std": float(std)}
        for name, mean, std in zip(
            features.columns, result.importances_mean, result.importances_std, strict=True
        )
    ]
    return sorted(records, key=lambda record: (-record[f"{scoring}_drop"], record["feature"]))
