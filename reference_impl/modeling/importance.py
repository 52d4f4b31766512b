"""Which features the model relies on: permutation importance on the holdout.

Each feature is shuffled in turn and the drop in the task's holdout score (ROC AUC, accuracy
or R²) is measured. It works for any fitted estimator (it never looks inside the model), on
the raw contract columns a reviewer recognises, not on encoded ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reference_impl.modeling.encoded_permutation import mean_and_std, permutation_drops
from reference_impl.modeling.row_sample import seeded_sample
from reference_impl.modeling.task_metrics import TRAIN_METRIC, holdout_metrics, task_score

if TYPE_CHECKING:
    from reference_impl.modeling.packaging import LoadedModel

REPEATS = 5
"""Shuffles per feature; the report gives their mean and standard deviation."""

MAX_ROWS = 10_000
"""Holdout rows each shuffle is scored on: a seeded sample when the holdout is larger.

The cost is features x repeats predictions; on the whole of a large holdout it would grow
with the data (at 100x the sample table: 2 minutes of a 3-minute train). 10,000 rows keep
the drop's standard error small, and the sample holdout (2,000 rows) is used whole.
"""


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

    Beyond :data:`MAX_ROWS` holdout rows, a seeded sample of that many is scored (scikit-learn's
    own ``max_samples`` would score the unshuffled baseline on every row and each shuffle on a
    sample, so the drop would mix in the sampling).

    The score is computed from :meth:`LoadedModel.scores` with the task's holdout metrics, so
    a fitted pipeline and a model returned by ``model.train_function`` are measured alike. A
    model with a numpy encoder is shuffled on its encoded matrix
    (:mod:`~reference_impl.modeling.encoded_permutation`): the same shuffles and the same
    numbers, without encoding the frame again for each of them.

    Args:
        model: The loaded model (its contract gives the task, its scores the predictions).
        features: Holdout rows, one column per feature (at most :data:`MAX_ROWS` are used).
        labels: Holdout labels.
        seed: Random seed of the shuffles (the training seed, so reruns agree).
        repeats: Shuffles per feature.
        scoring: The holdout metric that drops when a feature is shuffled (see
            :data:`IMPORTANCE_SCORING`).

    Returns:
        Records ``feature``, ``<scoring>_drop`` (mean) and ``std``, sorted by the drop.
    """

    def metric(truth: Any, scores: Any) -> float:
        contract = model.contract
        if scoring == TRAIN_METRIC[contract.task]:  # the usual case: that one metric alone
            return task_score(contract, truth, scores, model.threshold, model.classes)
        return holdout_metrics(contract, truth, scores, model.threshold, model.classes)[scoring]

    # one seeded sample for the baseline and every shuffle
    features, labels = seeded_sample(features, labels, MAX_ROWS, seed)
    if model.encoder is not None:  # the same numbers, encoded once instead of once per shuffle
        drops = permutation_drops(
            model.encoder, features, lambda matrix: metric(labels, model.scores_of_encoded(matrix)),
            repeats=repeats, seed=seed,
        )  # fmt: skip
        means, stds = mean_and_std(drops)
    else:
        from sklearn.inspection import permutation_importance

        def score(_: Any, rows: Any, truth: Any) -> float:
            return metric(truth, model.scores(rows))

        result = permutation_importance(
            _Fitted(), features, labels, scoring=score, n_repeats=repeats, random_state=seed
        )
        means, stds = result.importances_mean, result.importances_std
    records = [
        {"feature": name, f"{scoring}_drop": float(mean), "std": float(std)}
        for name, mean, std in zip(features.columns, means, stds, strict=True)
    ]
    return sorted(records, key=lambda record: (-record[f"{scoring}_drop"], record["feature"]))
