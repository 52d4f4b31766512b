"""The scikit-learn pipeline: encode columns as the contract says, then classify."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from reference_impl.contract import DataContract

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

ModelType = Literal["hist_gradient_boosting", "logistic_regression"]


# --8<-- [start:build-pipeline]
def build_pipeline(
    contract: DataContract,
    *,
    model_type: ModelType,
    seed: int,
    max_iter: int,
    learning_rate: float,
    max_leaf_nodes: int,
) -> Pipeline:
    """Build the unfitted pipeline: one-hot categories, scaled numbers, a classifier.

    Args:
        contract: Names and kinds of the input columns.
        model_type: ``hist_gradient_boosting`` (default) or the ``logistic_regression``
            baseline.
        seed: Random state of the classifier.
        max_iter: Boosting rounds, or solver iterations of the logistic regression.
        learning_rate: Shrinkage per boosting round.
        max_leaf_nodes: Leaves per tree.

    Returns:
        A pipeline whose ``predict_proba(frame)[:, 1]`` is the positive-class probability.
    """
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    categories = [list(feature.categories) for feature in contract.categorical]
    encode = ColumnTransformer(
        [
            (
                "categories",
                OneHotEncoder(categories=categories, handle_unknown="ignore", sparse_output=False),
                [feature.name for feature in contract.categorical],
            ),
            ("numbers", StandardScaler(), [feature.name for feature in contract.numeric]),
        ],
        verbose_feature_names_out=False,
    )
    if model_type == "logistic_regression":
        classifier = LogisticRegression(max_iter=max_iter, random_state=seed)
    else:
        classifier = HistGradientBoostingClassifier(
            max_iter=max_iter,
            learning_rate=learning_rate,
            max_leaf_nodes=max_leaf_nodes,
            early_stopping=False,  # a validation split would make the fit depend on its draw
            random_state=seed,
        )
    return Pipeline([("encode", encode), ("classify", classifier)])
    # --8<-- [end:build-pipeline]
