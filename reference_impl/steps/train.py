"""Step ``train``: fit the configured estimator's pipeline and track it with MLflow.

When ``model.train_function`` is set, that function trains the model instead and the model is
logged as an MLflow pyfunc (:mod:`reference_impl.modeling.train_function`). Logs the
parameters, the training score, the model (with signature, input example and the data
contract in its metadata) and the baseline profile the drift monitor compares with.
The output folder holds the MLflow model, ``model_info.json`` (the ``runs:/`` URI the
``register`` step registers) and ``profile.json``.

The model is saved to the output folder and logged as the run's artifacts rather than with
``mlflow.<flavor>.log_model``: since MLflow 3, ``log_model`` creates a *logged model* through
``/api/2.0/mlflow/logged-models``, which Azure ML's tracking service answers with 404, while
saving, logging artifacts and registering from ``runs:/`` use endpoints it serves. One path
for both targets, proven by ``train --target azureml --emulate``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reference_impl.collector import as_command
from reference_impl.config.param_text import NO_PARAMS, parse_params
from reference_impl.contract import DataContract
from reference_impl.contract_tag import CONTRACT_TAG, contract_fingerprint
from reference_impl.exit_codes import ExitCode
from reference_impl.modeling.estimator import (
    EstimatorError,
    build_pipeline,
    checks_settings_early,
)
from reference_impl.modeling.packaging import LoadedModel, save_model
from reference_impl.modeling.row_sample import seeded_sample
from reference_impl.modeling.task_metrics import TRAIN_METRIC, task_score
from reference_impl.modeling.train_function import fit_with_function
from reference_impl.monitoring.profile import build_profile
from reference_impl.pipeline.graph import parse_step_args
from reference_impl.steps.files import TRAINING_ROWS, read_contract, read_rows, write_json
from reference_impl.tracking import step_run

MODEL_FOLDER = "mlflow_model"
MODEL_ARTIFACT = "model"
"""Artifact path of the model in the ``train`` run (``runs:/<run id>/model``)."""

TRAINING_SCORE_ROWS = 100_000
"""Training rows the training metric is taken on: a seeded sample when there are more.

At 800,000 training rows, scoring all of them took 4 s of the step's 21; the sample takes
half a second, and over four seeds its ROC AUC was within 0.002 of the whole set's. The
bundled data's 8,000 training rows are scored whole.
"""


# --8<-- [start:train-model]
def train(
    train_data: Path,
    model: Path,
    *,
    estimator: str,
    params: dict[str, Any],
    seed: int,
    threshold: float,
    bins: int,
    train_function: str | None = None,
) -> dict[str, Any]:
    """Fit, log and save the model.

    Args:
        train_data: Folder with ``train.parquet`` and ``contract.json`` from the ``prep`` step.
        model: Output folder.
        estimator: Import path of the estimator class (``model.estimator``).
        params: Its keyword arguments (``model.params``).
        seed: Random seed (the estimator's, unless ``params`` sets one).
        threshold: Decision threshold stored with the model.
        bins: Quantile bins of the drift baseline.
        train_function: ``model.train_function``: when set, it trains the model instead of
            ``estimator`` (with ``params`` as its keyword arguments) and the model is logged
            as a pyfunc.

    Returns:
        The content of ``model_info.json``.

    Raises:
        EstimatorError: If the estimator cannot be made or refuses its parameters, or the
            training function fails or returns no usable model; nothing is logged.
    """
    import mlflow

    contract = read_contract(train_data)
    frame = read_rows(train_data, TRAINING_ROWS)
    features, labels = frame[contract.feature_names], contract.labels(frame)
    if train_function is not None:
        fitted = fit_with_function(
            train_function, features, labels, contract=contract, params=params, seed=seed
        )
    else:
        fitted = fit_pipeline(contract, features, labels, estimator, params, seed)
    trainer = {"train_function": train_function} if train_function else {"estimator": estimator}
    params = {**trainer, "seed": seed, **params}
    profile = build_profile(frame, contract, bins)
    with step_run("train") as run:
        mlflow.log_params({**params, "threshold": threshold, "train_rows": len(frame)})
        metric = TRAIN_METRIC[contract.task]
        train_score = training_score(fitted, contract, features, labels, threshold, seed=seed)
        mlflow.log_metric(f"train_{metric}", train_score)
        mlflow.log_dict(profile, "baseline/profile.json")
        saved = save_model(fitted, model / MODEL_FOLDER, contract, threshold, features.head(5),
                           train_function=train_function)  # fmt: skip
        mlflow.log_artifacts(str(saved), artifact_path=MODEL_ARTIFACT)
    write_json(model / "profile.json", profile)
    model_uri = f"runs:/{run.info.run_id}/{MODEL_ARTIFACT}"
    model_info = {"model_uri": model_uri, "run_id": run.info.run_id,
                  "params": params, f"train_{metric}": round(float(train_score), 6),
                  CONTRACT_TAG: contract_fingerprint(contract)}  # fmt: skip
    write_json(model / "model_info.json", model_info)
    return model_info
    # --8<-- [end:train-model]


def fit_pipeline(
    contract: DataContract,
    features: Any,
    labels: Any,
    estimator: str,
    params: dict[str, Any],
    seed: int,
) -> Any:
    """Build the contract's pipeline around the configured estimator and fit it.

    Args:
        contract: The data contract.
        features: The training rows' features.
        labels: Their labels.
        estimator: ``model.estimator``.
        params: ``model.params``.
        seed: ``training.seed``.

    Returns:
        The fitted pipeline.

    Raises:
        EstimatorError: If the estimator cannot be made, its fit refuses a setting, or it
            cannot fit the rows as the pipeline prepares them.
    """
    pipeline = build_pipeline(contract, estimator=estimator, params=params, seed=seed)
    try:
        pipeline.fit(features, labels)
    except MemoryError:
        raise
    except Exception as exc:  # the rows passed validate: what fails here is the setting
        name = type(pipeline[-1]).__name__
        if checks_settings_early(pipeline[-1]):
            # each setting was checked before any step ran; what is left is settings that do
            # not go together, or an estimator that does not suit the rows (MultinomialNB and
            # the scaled, signed numbers): its own words say which
            raise EstimatorError(
                f"model.estimator, model.params: {name} could not be fitted to the training "
                f"rows as the pipeline prepares them ({exc})"
            ) from None
        # LightGBM and XGBoost check their settings in fit, each with its own error
        raise EstimatorError(f"model.params: {name} refused them ({exc})") from None
    return pipeline


def training_score(
    pipeline: Any,
    contract: DataContract,
    features: Any,
    labels: Any,
    threshold: float,
    *,
    seed: int,
) -> float:
    """The task's training metric (:data:`~reference_impl.modeling.task_metrics.TRAIN_METRIC`).

    Beyond :data:`TRAINING_SCORE_ROWS` training rows it is taken on a seeded sample of that
    many: scoring every row would cost as much as a quarter of the fit at a million rows.

    Args:
        pipeline: The fitted pipeline (or the model a training function returned).
        contract: The data contract (its task).
        features: The training rows' features.
        labels: Their labels.
        threshold: Decision threshold (binary).
        seed: Seed of the sample (``training.seed``).

    Returns:
        ROC AUC (binary), accuracy (multi-class) or R² (regression) on the training rows.
    """
    from reference_impl.modeling.fast_path import FastEncoder

    features, labels = seeded_sample(features, labels, TRAINING_SCORE_ROWS, seed)

    # scores as served, for every task: through the numpy encoder, as load_model_dir sets it up
    # (on a million rows it encodes in half the time the ColumnTransformer takes)
    encoder = FastEncoder.from_pipeline(pipeline, contract)
    fitted = LoadedModel(pipeline, contract, threshold, encoder=encoder)
    return task_score(contract, labels, fitted.scores(features), threshold, fitted.classes)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line of the step.

    Args:
        argv: Arguments without the program name.

    Returns:
        ``0``, or ``2`` when the estimator cannot be made or refuses its parameters.
    """
    args = parse_step_args("train", argv)
    try:
        info = train(
            args.train_data,
            args.model,
            estimator=args.estimator,
            params=parse_params(args.params),
            seed=args.seed,
            threshold=args.threshold,
            bins=args.bins,
            train_function=None if args.train_function == NO_PARAMS else args.train_function,
        )
    except EstimatorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    trainer = info["params"].get("train_function") or info["params"]["estimator"]
    name = trainer.replace(":", ".").rpartition(".")[2]
    metric = next(key for key in info if key.startswith("train_"))
    print(f"train: {name}, training {metric.removeprefix('train_')} {info[metric]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(as_command(main))
