"""Fit the default pipeline in memory, measure it on the holdout, and draw the evaluation plots.

The images on the training-pipeline page come from this file. To regenerate them::

    python -c "from pathlib import Path; from examples.technology.training_pipeline.evaluation_plots import main; main(Path('docs/assets/generated'))"
"""  # noqa: E501

import tempfile
from pathlib import Path

import pandas as pd

from reference_impl.config import load_config
from reference_impl.contract import load_contract
from reference_impl.data import TRAINING_DATA
from reference_impl.modeling.estimator import build_pipeline
from reference_impl.modeling.metrics import classification_metrics, segment_metrics
from reference_impl.modeling.plots import confusion_plot, pr_plot, roc_plot
from reference_impl.steps.prep import split

CONTRACT = load_contract()


def main(output: Path | None = None) -> None:
    """Print holdout metrics (overall and per region) and write three PNG plots.

    Args:
        output: Folder for the PNG files; a temporary folder when ``None``.
    """
    # --8<-- [start:fit-and-measure]
    config = load_config("dev")
    settings, model = config.training, config.model
    train, holdout = split(pd.read_csv(TRAINING_DATA), settings.holdout_percent, CONTRACT.id_column)
    features, label = CONTRACT.feature_names, CONTRACT.label
    model = build_pipeline(
        CONTRACT,
        estimator=model.estimator,
        params=model.params,
        seed=settings.seed,
    ).fit(train[features], train[label])
    probability = model.predict_proba(holdout[features])[:, 1]
    metrics = classification_metrics(holdout[label], probability, threshold=0.35)
    print({name: round(value, 3) for name, value in metrics.items()})
    for row in segment_metrics(holdout[label], probability, holdout["region"], threshold=0.35):
        print(f"{row['segment']:<6} recall {row['recall']:.2f}  flagged {row['flagged_rate']:.0%}")
    # --8<-- [end:fit-and-measure]
    with tempfile.TemporaryDirectory() as scratch:
        folder = output or Path(scratch)
        roc_plot(holdout[label], probability, folder / "evaluation-roc.png")
        pr_plot(holdout[label], probability, folder / "evaluation-pr.png")
        confusion_plot(holdout[label], probability, 0.35, folder / "evaluation-confusion.png")
        print("plots:", ", ".join(sorted(path.name for path in folder.glob("evaluation-*.png"))))


if __name__ == "__main__":
    main()
