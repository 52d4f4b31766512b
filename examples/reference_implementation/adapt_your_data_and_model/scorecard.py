"""A training function of your own: a logistic scorecard fitted with NumPy alone.

Named in the configuration as ``model.train_function``, it replaces the scikit-learn pipeline.
The ``train`` step passes it the training rows (the contract's feature columns, as they are in
the data), the labels, the contract and the seed, and ``model.params`` as keyword arguments;
the object it returns is logged as an MLflow pyfunc model and scored like any other model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd


# --8<-- [start:scorecard]
@dataclass
class Scorecard:
    """A fitted scorecard: one weight per standardised number, and a bias.

    Attributes:
        names: The feature columns, in the order of ``weights``.
        centre: Each column's training mean.
        scale: Each column's training standard deviation.
        weights: One weight per column, on the standardised scale.
        bias: The intercept.
        classes_: The label values in the order of the probability columns.
    """

    names: list[str]
    centre: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    classes_: np.ndarray = field(default_factory=lambda: np.array([0, 1]))

    def predict_proba(self, frame: pd.DataFrame) -> np.ndarray:
        """Probability of class 0 and of class 1 per row (the shape scikit-learn uses)."""
        standard = (frame[self.names].to_numpy(dtype=float) - self.centre) / self.scale
        positive = 1.0 / (1.0 + np.exp(-(standard @ self.weights + self.bias)))
        return np.column_stack([1.0 - positive, positive])


def train_scorecard(
    features: pd.DataFrame,
    labels: pd.Series,
    *,
    contract: Any,
    seed: int,
    steps: int = 500,
    learning_rate: float = 0.1,
    l2: float = 0.01,
) -> Scorecard:
    """Fit a logistic scorecard by gradient descent on standardised numeric features.

    Args:
        features: The training rows' feature columns.
        labels: Their 0/1 labels.
        contract: The data contract: the task must be binary, every feature a number.
        seed: Seed of the starting weights.
        steps: Gradient steps (``model.params.steps``).
        learning_rate: Step size (``model.params.learning_rate``).
        l2: Weight penalty (``model.params.l2``).

    Returns:
        The fitted scorecard.

    Raises:
        ValueError: If the task is not binary or a feature is a category.
    """
    if contract.task != "binary":
        raise ValueError(f"a scorecard predicts a 0/1 label, not a {contract.task} one")
    if contract.categorical:
        raise ValueError(f"a scorecard takes numbers only; {contract.categorical[0].name} is not")
    names = list(contract.feature_names)
    values = features[names].to_numpy(dtype=float)
    centre, scale = values.mean(axis=0), values.std(axis=0)
    scale[scale == 0] = 1.0
    standard, truth = (values - centre) / scale, labels.to_numpy(dtype=float)
    weights = np.random.default_rng(seed).normal(scale=0.01, size=len(names))
    bias = 0.0
    for _ in range(steps):
        error = 1.0 / (1.0 + np.exp(-(standard @ weights + bias))) - truth
        weights -= learning_rate * (standard.T @ error / len(truth) + l2 * weights)
        bias -= learning_rate * float(error.mean())
    return Scorecard(names, centre, scale, weights, bias)
    # --8<-- [end:scorecard]


def main() -> None:
    """Fit the scorecard on scikit-learn's breast-cancer table and print how well it ranks."""
    from sklearn.datasets import load_breast_cancer
    from sklearn.metrics import roc_auc_score

    from reference_impl.contract_inference import infer_contract

    frame = load_breast_cancer(as_frame=True).frame
    frame.columns = [str(name).replace(" ", "_") for name in frame.columns]
    frame.insert(0, "sample_id", [f"s{number:04d}" for number in range(len(frame))])
    contract = infer_contract(frame, label="target", task="binary", id_column="sample_id")
    features = frame[list(contract.feature_names)]
    card = train_scorecard(features, frame["target"], contract=contract, seed=42, steps=300)
    auc = roc_auc_score(frame["target"], card.predict_proba(features)[:, 1])
    print(f"scorecard: {len(card.names)} weights, training ROC AUC {auc:.3f}")


if __name__ == "__main__":
    main()
