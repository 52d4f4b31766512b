"""Call the online entry script as the inference server does: ``init()``, then ``run(body)``."""

import os
import tempfile
from pathlib import Path

import pandas as pd

from reference_impl.contract import load_contract
from reference_impl.data import SAMPLE_REQUEST, TRAINING_DATA
from reference_impl.modeling.estimator import build_pipeline
from reference_impl.modeling.packaging import save_model
from reference_impl.scoring import score

CONTRACT = load_contract()


def main() -> None:
    """Package a quick model, point ``AZUREML_MODEL_DIR`` at it, and score good and bad bodies."""
    frame = pd.read_csv(TRAINING_DATA)
    features = frame[CONTRACT.feature_names]
    model = build_pipeline(
        CONTRACT,
        estimator="sklearn.linear_model.LogisticRegression",
        params={"max_iter": 500},
        seed=0,
    ).fit(features, frame[CONTRACT.label])
    with tempfile.TemporaryDirectory() as folder:
        # --8<-- [start:init-and-run]
        save_model(model, Path(folder) / "model", CONTRACT, 0.35, features.head(3))
        os.environ["AZUREML_MODEL_DIR"] = folder  # Azure ML sets this to the mounted model
        score.init()
        print(score.run(SAMPLE_REQUEST.read_text()))
        rejected = score.run(SAMPLE_REQUEST.read_text().replace('"age": 55', '"age": "55"'))
        print(rejected.status_code, rejected.get_data(as_text=True))
        # --8<-- [end:init-and-run]
        del os.environ["AZUREML_MODEL_DIR"]


if __name__ == "__main__":
    main()
