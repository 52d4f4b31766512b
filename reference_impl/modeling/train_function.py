"""``model.train_function``: the escape hatch for training code that is no scikit-learn estimator.

``model.train_function: package.module:function`` names a function of your own. The ``train``
step calls it with the training rows instead of fitting ``model.estimator``; ``model.params``
become its keyword arguments. What it returns is logged as an MLflow pyfunc model
(:mod:`reference_impl.modeling.function_model`), and every later step scores it through the
same :class:`~reference_impl.modeling.packaging.LoadedModel` as a fitted pipeline.

The function's shape::

    def train(features, labels, *, contract, seed, **params):
        ...
        return model  # predict_proba(frame) and classes_ (classification) or predict(frame)

``features`` holds the contract's feature columns as they are in the data (no encoding: the
function does its own), ``labels`` the label (0/1, class names as text, or numbers).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from reference_impl.modeling.estimator import (
    EstimatorError,
    import_attribute,
    unknown_parameters,
    unknown_parameters_error,
)

if TYPE_CHECKING:
    import pandas as pd

    from reference_impl.contract import DataContract

KEY = "model.train_function"
REQUIRED = ("contract", "seed")
"""Keyword arguments every training function takes, besides ``features`` and ``labels``."""
_NEEDS = {"binary": "predict_proba", "multiclass": "predict_proba", "regression": "predict"}


def import_train_function(path: str) -> Callable[..., Any]:
    """Import the function named by ``model.train_function``.

    Args:
        path: ``package.module:function``.

    Returns:
        The function.

    Raises:
        EstimatorError: If the module does not import or has no such function.
    """
    module_name, _, name = path.partition(":")
    found = import_attribute(KEY, path, module_name, name)
    if not inspect.isfunction(found):
        raise EstimatorError(f"{KEY} {path!r}: {module_name} has no function {name!r}")
    return found


def check_train_function(path: str, params: Mapping[str, Any]) -> Callable[..., Any]:
    """Import the function and check that it takes the arguments the train step passes.

    Args:
        path: ``model.train_function``.
        params: ``model.params``: they become the function's keyword arguments.

    Returns:
        The function.

    Raises:
        EstimatorError: If it does not import, lacks ``contract`` or ``seed``, or has no
            parameter of a name in ``params``.
    """
    function = import_train_function(path)
    accepted = inspect.signature(function).parameters.values()
    positional = [p for p in accepted if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if len(positional) < 2:
        raise EstimatorError(f"{KEY} {path!r} must take the features and the labels first")
    lacking = unknown_parameters(function, REQUIRED)
    if lacking:
        raise EstimatorError(f"{KEY} {path!r} has no parameter {lacking[0]!r}")
    unknown = unknown_parameters(function, params)
    if unknown:
        raise unknown_parameters_error(path, unknown)
    return function


def fit_with_function(
    path: str,
    features: pd.DataFrame,
    labels: pd.Series,
    *,
    contract: DataContract,
    params: Mapping[str, Any],
    seed: int,
) -> Any:
    """Call the training function and check that what it returns can score the task.

    Args:
        path: ``model.train_function``.
        features: The training rows' feature columns.
        labels: Their labels.
        contract: The data contract (task, columns, classes).
        params: ``model.params``, passed as keyword arguments.
        seed: ``training.seed``.

    Returns:
        The fitted model.

    Raises:
        EstimatorError: If the function fails, or returns something that has not the method
            the task needs or answers with the wrong shape.
    """
    from reference_impl.modeling.packaging import LoadedModel

    function = check_train_function(path, params)
    try:
        model = function(features, labels, contract=contract, seed=seed, **params)
    except MemoryError:
        raise
    except Exception as exc:  # the rows passed validate: what fails is the code or a setting
        raise EstimatorError(f"{KEY} {path!r} failed ({type(exc).__name__}: {exc})") from None
    needed = _NEEDS[contract.task]
    if not callable(getattr(model, needed, None)):
        raise EstimatorError(
            f"{KEY} {path!r} returned a {type(model).__name__} without {needed}, which a "
            f"{contract.task} task needs"
        )
    if contract.task == "multiclass" and getattr(model, "classes_", None) is None:
        raise EstimatorError(
            f"{KEY} {path!r} returned a {type(model).__name__} without classes_, the order "
            "of its probability columns"
        )
    sample = features.head(5)
    expected: tuple[int, ...] = (len(sample),)
    if contract.task == "multiclass":
        expected = (len(sample), len(contract.classes))
    try:
        shape = getattr(LoadedModel(model, contract, 0.5).scores(sample), "shape", None)
    except Exception as exc:  # its own code: any failure is reported, never a traceback
        shape = f"an error ({type(exc).__name__}: {exc})"
    if shape != expected:
        raise EstimatorError(
            f"{KEY} {path!r} returned a model whose {needed} gives {shape} for "
            f"{len(sample)} rows; expected shape {expected}"
        )
    return model
