"""The floor of ``train``: one process that imports pandas, scikit-learn and MLflow, reads the
file, fits the same pipeline and predicts the holdout rows. Run by ``benchmarks/lifecycle.py``.

Usage: ``python benchmarks/_train_floor.py CSV`` (settings of the ``dev`` environment).
"""

from __future__ import annotations

import sys

import mlflow  # noqa: F401  - the floor pays MLflow's import like train does
import pandas as pd

from reference_impl.config import load_config
from reference_impl.contract import load_contract
from reference_impl.modeling.estimator import build_pipeline

CONTRACT = load_contract()


def main(path: str) -> None:
    """Read ``path``, fit the dev environment's pipeline on 80 % and predict the rest."""
    config = load_config("dev")
    settings, model = config.training, config.model
    frame = pd.read_csv(path)
    cut = len(frame) * (100 - settings.holdout_percent) // 100
    train, holdout = frame.iloc[:cut], frame.iloc[cut:]
    features = CONTRACT.feature_names
    model = build_pipeline(
        CONTRACT,
        estimator=model.estimator,
        params=model.params,
        seed=settings.seed,
    ).fit(train[features], train[CONTRACT.label])
    model.predict_proba(holdout[features])


if __name__ == "__main__":
    main(sys.argv[1])
