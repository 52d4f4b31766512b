"""Training functions for ``model.train_function`` tests: one that works for every task, and
the ways one can go wrong (it raises, it returns nothing usable, it is no function).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from reference_impl.modeling.estimator import build_pipeline

ESTIMATORS = {
    "binary": "sklearn.linear_model.LogisticRegression",
    "multiclass": "sklearn.linear_model.LogisticRegression",
    "regression": "sklearn.linear_model.Ridge",
}
NOT_A_FUNCTION = 3


@dataclass
class Bagged:
    """Linear models fitted on bootstrap samples of the rows, their answers averaged."""

    members: list[Any]
    classes_: Any = None

    def predict_proba(self, frame: pd.DataFrame) -> np.ndarray:
        return np.mean([member.predict_proba(frame) for member in self.members], axis=0)

    def predict(self, frame: pd.DataFrame) -> np.ndarray:
        return np.mean([member.predict(frame) for member in self.members], axis=0)


def train_bagged(
    features: pd.DataFrame, labels: pd.Series, *, contract: Any, seed: int, members: int = 3
) -> Bagged:
    """Fit ``members`` linear pipelines, each on a bootstrap sample of the training rows."""
    rng = np.random.default_rng(seed)
    fitted = []
    for _ in range(members):
        rows = rng.integers(0, len(features), size=len(features))
        pipeline = build_pipeline(
            contract, estimator=ESTIMATORS[contract.task], params={}, seed=seed
        )
        fitted.append(pipeline.fit(features.iloc[rows], labels.iloc[rows]))
    classes = None if contract.task == "regression" else fitted[0].classes_
    return Bagged(fitted, classes)


def train_raising(features: pd.DataFrame, labels: pd.Series, *, contract: Any, seed: int) -> Any:
    """Training code that fails."""
    raise ValueError("the solver did not converge")


def train_returning_nothing(
    features: pd.DataFrame, labels: pd.Series, *, contract: Any, seed: int
) -> None:
    """Training code that forgets to return its model."""


def train_without_contract(features: pd.DataFrame, labels: pd.Series) -> None:
    """A function of the wrong shape: the train step passes ``contract`` and ``seed``."""
