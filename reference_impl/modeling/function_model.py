"""A model returned by ``model.train_function``, logged as an MLflow pyfunc model.

The pyfunc wraps the fitted object with the contract and the threshold. Its ``predict``
answers what :meth:`~reference_impl.modeling.packaging.LoadedModel.scores` answers, so the
model can also be loaded with ``mlflow.pyfunc.load_model`` anywhere. The module that defines
the training function is stored *by value* in the model (cloudpickle), so loading the model
needs the libraries it uses, not the file it was written in.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import mlflow.pyfunc

if TYPE_CHECKING:
    from reference_impl.contract import DataContract


_NO_TYPE_HINTS = "Add type hints to the `predict` method"
"""MLflow's warning about ``predict``; the signature comes from the contract instead."""


class FunctionModel(mlflow.pyfunc.PythonModel):
    """The pyfunc around a model returned by a training function.

    Attributes:
        model: What the training function returned.
        contract: The data contract it was trained with.
        threshold: Its decision threshold.
    """

    def __init__(self, model: Any, contract: DataContract, threshold: float) -> None:
        self.model = model
        self.contract = contract
        self.threshold = threshold

    def predict(self, context, model_input, params=None):
        """Score rows: the positive-class probability, one column per class, or the value.

        The types are in this docstring, not in hints: MLflow would read hints on ``predict``
        as the model's input schema, which the contract's signature already gives.

        Args:
            context (Any): MLflow's model context (unused).
            model_input (pandas.DataFrame): Rows with the contract's feature columns.
            params (dict | None): Inference parameters (none are taken).

        Returns:
            scores (pandas.DataFrame): One column (binary, regression) or one per class
                (multi-class).
        """
        import pandas as pd

        from reference_impl.modeling.packaging import LoadedModel

        scores = LoadedModel(self.model, self.contract, self.threshold).scores(model_input)
        if self.contract.task == "multiclass":
            return pd.DataFrame(scores, columns=[str(c) for c in self.model.classes_])
        return pd.DataFrame({"score": scores})


def save_function_model(
    model: Any, path: Path, train_function: str, options: dict[str, Any]
) -> Path:
    """Write the model as a pyfunc folder, with the training function's module inside it.

    Args:
        model: What the training function returned.
        path: A folder that does not exist yet.
        train_function: ``model.train_function`` (its module is stored by value).
        options: Signature, input example, requirements and metadata (contract, threshold).

    Returns:
        ``path``.
    """
    import cloudpickle

    from reference_impl.contract import DataContract

    metadata = options["metadata"]
    contract = DataContract.model_validate(metadata["contract"])
    module = sys.modules[train_function.partition(":")[0]]
    cloudpickle.register_pickle_by_value(module)
    try:
        with warnings.catch_warnings():
            # the signature comes from the contract, not from type hints on predict
            warnings.filterwarnings("ignore", message=_NO_TYPE_HINTS)
            mlflow.pyfunc.save_model(
                str(path),
                python_model=FunctionModel(model, contract, float(metadata["threshold"])),
                # the requirements are pinned in `options`: no copy of the project's uv.lock
                uv_project_path=path,
                **options,
            )
    finally:
        cloudpickle.unregister_pickle_by_value(module)
    return path


def load_function_model(folder: Path) -> Any:
    """The object a training function returned, from a folder :func:`save_function_model` wrote.

    Args:
        folder: The model folder (with ``MLmodel``).

    Returns:
        The fitted model, as the training function returned it.
    """
    from reference_impl.modeling.requirement_check import without_distribution_scan

    with warnings.catch_warnings(), without_distribution_scan():  # pins are checked all the same
        warnings.filterwarnings("ignore", message=_NO_TYPE_HINTS)
        return mlflow.pyfunc.load_model(str(folder)).unwrap_python_model().model
