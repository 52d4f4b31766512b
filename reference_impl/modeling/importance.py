"""Which features the model relies on: permutation importance on the holdout.

Each feature is shuffled in turn and the drop in the task's holdout score (ROC AUC, accuracy
or R²) is measured. It works for any fitted estimator (it never looks inside the model), on
the raw contract columns a reviewer recognises, not on encoded ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reference_impl.modeling.task_metrics import TRAIN_METRIC, holdout_metrics

if TYPE_CHECKING:
    from reference_impl.modeling.packaging import LoadedModel

REPEATS = 5
"""Shuffles per feature; the report gives their mean and standard deviation."""


IMPORTANCE_SCORING = TRAIN_METRIC
"""The score whose drop measures a feature's importance, per task: the one training reports."""


class _Fitted:
    """What ``permutation_importance`` is handed as the estimator: the scorer above ignores it.

    scikit-learn checks that its estimator has ``fit`` (it never calls it); a model returned
    by a training function need not have one.
    """

    def fit(self, *_: Any) -> None:
        raise NotImplementedError("the model is fitted already")


def feature_importance(
    model: LoadedModel,
    features: Any,
    labels: Any,
    *,
    seed: int,
    repeats: int = REPEATS,
    scoring: str = "roc_auc",
) -> list[dict[str, Any]]:
    """Permutation importance of every input column, most important first.

    The score is computed from :meth:`LoadedModel.scores` with the task's holdout metrics, so
    a fitted pipeline and a model returned by ``model.train_function`` are measured alike.

    Args:
        model: The loaded model (its contract gives the task, its scores the predictions).
        features: Holdout rows, one column per feature.
        labels: Holdout labels.
        seed: Random seed of the shuffles (the training seed, so reruns agree).
        repeats: Shuffles per feature.
        scoring: The holdout metric that drops when a feature is shuffled (see
            :data:`IMPORTANCE_SCORING`).

    Returns:
        Records ``feature``, ``<scoring>_drop`` (mean) and ``std``, sorted by the drop.
    """
    from sklearn.inspection import permutation_importance

    def score(_: Any, rows: Any, truth: Any) -> float:
        found = holdout_metrics(
            model.contract, truth, model.scores(rows), model.threshold, model.classes
        )
        return found[scoring]

    result = permutation_importance(
        _Fitted(), features, labels, scoring=score, n_repeats=repeats, random_state=seed
    )
    records = [
        {"feature": name, f"{scoring}_drop": float(mean), "std": float(std)}
        for name, mean, std in zip(
            features.columns, result.importances_mean, result.importances_std, strict=True
        )
    ]
    return sorted(records, key=lambda record: (-record[f"{scoring}_drop"], record["feature"]))
