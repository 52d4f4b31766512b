"""The prediction columns of a scoring answer, per task, named in ``config/project.yaml``.

The online ``run()`` and the batch driver both call :func:`prediction_columns`, so an online
answer and a batch output row of the same input hold the same names and values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from reference_impl.config.project import OutputNames
    from reference_impl.modeling.packaging import LoadedModel


# --8<-- [start:prediction-columns]
def prediction_columns(model: LoadedModel, scores: Any, names: OutputNames) -> dict[str, Any]:
    """Name the model's scores and decisions for the answer.

    Args:
        model: The loaded model (its task, threshold and classes).
        scores: :meth:`~reference_impl.modeling.packaging.LoadedModel.scores` of the rows.
        names: ``outputs`` of ``config/project.yaml``.

    Returns:
        Column name to 1-D array. Binary: ``<probability>`` and ``<decision>`` (true at the
        threshold). Multi-class: ``<decision>`` (the likeliest class), ``<probability>`` (its
        probability) and ``<probability>_<class>`` per class. Regression: ``<decision>``
        (the predicted value).
    """
    task = model.contract.task
    if task == "binary":
        return {names.probability: scores.round(6), names.decision: scores >= model.threshold}
    if task == "regression":
        return {names.decision: np.asarray(scores, dtype=float).round(6)}
    best = scores.argmax(axis=1)
    columns = {
        names.decision: np.asarray(model.classes)[best],
        names.probability: scores.max(axis=1).round(6),
    }
    for index, label in enumerate(model.classes):
        columns[f"{names.probability}_{label}"] = scores[:, index].round(6)
    return columns
    # --8<-- [end:prediction-columns]


def prediction_records(columns: dict[str, Any]) -> list[dict[str, Any]]:
    """One JSON-ready record per row from :func:`prediction_columns`.

    Args:
        columns: Column name to 1-D array.

    Returns:
        A list of ``{name: value}`` with plain Python values.
    """
    lists = {name: values.tolist() for name, values in columns.items()}
    count = len(next(iter(lists.values()), []))
    return [{name: values[row] for name, values in lists.items()} for row in range(count)]
