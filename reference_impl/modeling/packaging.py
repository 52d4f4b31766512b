"""Log a fitted pipeline as an MLflow model that carries its own data contract.

The model's ``metadata`` holds the contract and the decision threshold, so the scoring
scripts validate requests with the rules the model was trained under. The signature is
written from the contract (not inferred from a sample), and pip requirements are pinned
explicitly, which also spares MLflow a slow dependency inference.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from reference_impl.contract import DataContract, Feature

if TYPE_CHECKING:
    import pandas as pd
    from sklearn.pipeline import Pipeline

    from reference_impl.modeling.fast_path import FastEncoder

BASE_REQUIREMENTS = ("mlflow", "scikit-learn", "pandas", "skops")
"""Distributions every saved model needs; the estimator's own library is added to them."""
_SPARK_TYPES = {"integer": "long", "number": "double", "category": "string"}


def _column_type(feature: Feature) -> str:
    """A feature's MLflow type: a nullable integer is ``double`` (a ``long`` holds no gap)."""
    gap_in_integer = feature.nullable and feature.kind == "integer"
    return "double" if gap_in_integer else _SPARK_TYPES[feature.kind]


def signature(contract: DataContract) -> Any:
    """The MLflow model signature of the contract's features.

    Args:
        contract: The data contract.

    Returns:
        A ``ModelSignature``: one typed input column per feature, one output (an integer
        class, a class name, or a number, by task).
    """
    from mlflow.models import ModelSignature
    from mlflow.types import ColSpec, Schema

    inputs = Schema([ColSpec(_column_type(f), f.name) for f in contract.features])
    output = {"binary": "long", "multiclass": "string", "regression": "double"}[contract.task]
    return ModelSignature(inputs=inputs, outputs=Schema([ColSpec(output)]))


def estimator_distribution(model: Any) -> str | None:
    """The distribution that provides the model's estimator, when it is not scikit-learn.

    Args:
        model: A fitted pipeline (its last step is looked at), or what a training function
            returned.

    Returns:
        For example ``lightgbm``; ``None`` for scikit-learn's own estimators and for classes
        that no installed distribution provides.
    """
    from sklearn.pipeline import Pipeline

    from reference_impl.distributions import module_distribution

    final = model[-1] if isinstance(model, Pipeline) else model
    module = type(final).__module__
    if module.partition(".")[0] == "sklearn":
        return None  # before the scan of every installed distribution (about 0.5 s)
    return module_distribution(module)


def trusted_types(pipeline: Pipeline) -> list[str]:
    """The types skops would refuse to load from this pipeline.

    skops loads only types it can audit unless told otherwise; these are the ones of the
    pipeline we fitted ourselves a moment ago (a tree predictor, a LightGBM booster), stored
    in the model so that loading it later trusts exactly them and nothing else.

    Args:
        pipeline: A fitted pipeline.

    Returns:
        Fully qualified type names.
    """
    import skops.io

    return sorted(skops.io.get_untrusted_types(data=skops.io.dumps(pipeline)))


def _model_options(
    model: Any, contract: DataContract, threshold: float, example: pd.DataFrame
) -> dict[str, Any]:
    extra = estimator_distribution(model)
    requirements = [
        f"{package}=={version(package)}"
        for package in (*BASE_REQUIREMENTS, *([extra] if extra else []))
    ]
    return {
        "signature": signature(contract),
        "input_example": example,
        "pip_requirements": requirements,
        "metadata": {"contract": contract.model_dump(mode="json"), "threshold": threshold},
    }


# --8<-- [start:save-model]
def save_model(
    model: Any,
    path: Path,
    contract: DataContract,
    threshold: float,
    example: pd.DataFrame,
    *,
    train_function: str | None = None,
) -> Path:
    """Write the fitted model as an MLflow model folder (the ``train`` step logs the folder).

    Args:
        model: The fitted pipeline, or what ``train_function`` returned.
        path: A folder that does not exist yet.
        contract: Data contract stored in the model's metadata.
        threshold: Decision threshold stored in the model's metadata.
        example: A few input rows saved as the model's input example.
        train_function: ``model.train_function`` when it trained the model: the model is then
            saved as a pyfunc; otherwise in the scikit-learn flavour, through skops.

    Returns:
        ``path``.
    """
    import mlflow

    from reference_impl.modeling.requirement_check import without_distribution_scan

    options = _model_options(model, contract, threshold, example)
    with without_distribution_scan():  # the requirements are pinned from installed versions
        if train_function is not None:
            from reference_impl.modeling.function_model import save_function_model

            return save_function_model(model, path, train_function, options)
        types = trusted_types(model)
        mlflow.sklearn.save_model(model, str(path), skops_trusted_types=types, **options)
    return path
    # --8<-- [end:save-model]


@dataclass(frozen=True)
class LoadedModel:
    """A model folder loaded for scoring.

    Attributes:
        estimator: The fitted scikit-learn pipeline, or the model a ``model.train_function``
            returned (``predict_proba`` and ``classes_``, or ``predict``).
        contract: The data contract it was trained with.
        threshold: Its decision threshold.
        name: Registered model name, if the folder came from the registry.
        version: Registered version, if the folder came from the registry.
    """

    estimator: Any
    contract: DataContract
    threshold: float
    name: str | None = None
    version: str | None = None
    encoder: FastEncoder | None = None

    @property
    def classes(self) -> list[str]:
        """The classes in the order of the probability columns (empty for regression)."""
        found = getattr(self.estimator, "classes_", None)
        return [] if found is None else [str(value) for value in found]

    def _predict(self, matrix: Any) -> Any:
        """Scores of already prepared inputs (see :meth:`scores`)."""
        model = self.estimator[-1] if self.encoder is not None else self.estimator
        if self.contract.task == "regression":
            return np.asarray(model.predict(matrix), dtype=float)
        probabilities = model.predict_proba(matrix)
        return probabilities[:, 1] if self.contract.task == "binary" else probabilities

    def scores(self, frame: pd.DataFrame) -> Any:
        """What the model outputs per row before any decision.

        Args:
            frame: Rows with the contract's feature columns.

        Returns:
            Binary: the positive-class probability (1-D). Multi-class: one probability per
            class in :attr:`classes` order (2-D). Regression: the predicted value (1-D).
        """
        if self.encoder is not None:
            return self._predict(self.encoder.frame(frame))
        return self._predict(frame[self.contract.feature_names])

    def scores_of_encoded(self, matrix: Any) -> Any:
        """:meth:`scores` of rows its :attr:`encoder` has encoded already.

        Args:
            matrix: ``encoder.frame(rows)``, or rows of it moved about (permutation importance).

        Returns:
            The same arrays as :meth:`scores` on the rows the matrix encodes.
        """
        return self._predict(matrix)

    def scores_of_rows(self, rows: Sequence[Sequence[Any]]) -> Any:
        """:meth:`scores` for rows given as tuples in contract order.

        Args:
            rows: Checked rows, e.g. from ``RequestParser.rows``.

        Returns:
            The same arrays as :meth:`scores` on the same rows.
        """
        if self.encoder is not None:
            return self._predict(self.encoder.rows(rows))
        import pandas as pd

        names = self.contract.feature_names
        return self._predict(pd.DataFrame.from_records(rows, columns=names))

    def probability(self, frame: pd.DataFrame) -> Any:
        """Probability of the positive class per row (binary task).

        Args:
            frame: Rows with the contract's feature columns.

        Returns:
            A 1-D numpy array.
        """
        return self.scores(frame)

    def probability_of_rows(self, rows: Sequence[Sequence[Any]]) -> Any:
        """Probability of the positive class for rows given as tuples in contract order.

        Args:
            rows: Checked rows, e.g. from ``RequestParser.rows``.

        Returns:
            A 1-D numpy array, identical to :meth:`probability` on the same rows.
        """
        return self.scores_of_rows(rows)


def find_model_dir(root: Path) -> Path:
    """Find the folder holding ``MLmodel`` at ``root`` or one level below.

    Azure ML mounts a registered model under ``AZUREML_MODEL_DIR/<folder>/``; a local copy
    has ``MLmodel`` at its top. Both layouts are accepted.

    Args:
        root: A model folder or its parent.

    Returns:
        The folder containing ``MLmodel``.

    Raises:
        FileNotFoundError: If there is no ``MLmodel``, or several.
    """
    if (root / "MLmodel").is_file():
        return root
    found = sorted(path.parent for path in root.glob("*/MLmodel"))
    if len(found) != 1:
        raise FileNotFoundError(f"expected one MLflow model under {root}, found {len(found)}")
    return found[0]


def load_model_dir(root: Path) -> LoadedModel:
    """Load an MLflow model folder written by :func:`save_model`.

    A folder this process loaded before, whose files are unchanged (name, size, modification
    time, inode), gives the same :class:`LoadedModel` again: the local ``train`` runs its
    steps in one process, and ``evaluate``, ``review`` and ``gate`` read the same model
    folder. Nothing changes a loaded model.

    Args:
        root: The model folder, or its parent (see :func:`find_model_dir`).

    Returns:
        The estimator with its contract, threshold and (when known) registry version.
    """
    folder = find_model_dir(root)
    return _load(folder.resolve(), _identity(folder))


def _identity(folder: Path) -> frozenset[tuple[str, int, int, int]]:
    """Each file under ``folder``: relative name, size, modification time (ns) and inode."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            stat = path.stat()
            found.append((path.relative_to(folder).as_posix(), stat.st_size, stat.st_mtime_ns,
                          stat.st_ino))  # fmt: skip
    return frozenset(found)


@functools.lru_cache(maxsize=4)
def _load(folder: Path, files: frozenset[tuple[str, int, int, int]]) -> LoadedModel:
    """Load ``folder``; ``files`` (its :func:`_identity`) is the cache key's other half."""
    import mlflow
    import yaml
    from mlflow.models import Model

    from reference_impl.modeling.fast_path import FastEncoder

    description = Model.load(str(folder))
    metadata = description.metadata or {}
    registered: dict[str, Any] = {}
    if (folder / "registered_model_meta").is_file():
        registered = yaml.safe_load((folder / "registered_model_meta").read_text()) or {}
    if "sklearn" in description.flavors:
        estimator = mlflow.sklearn.load_model(str(folder))
    else:  # trained by model.train_function
        from reference_impl.modeling.function_model import load_function_model

        estimator = load_function_model(folder)
    contract = DataContract.model_validate(metadata["contract"])
    return LoadedModel(
        estimator=estimator,
        contract=contract,
        encoder=FastEncoder.from_pipeline(estimator, contract),
        threshold=float(metadata["threshold"]),
        name=registered.get("model_name"),
        version=None
        if registered.get("model_version") is None
        else str(registered["model_version"]),
    )
