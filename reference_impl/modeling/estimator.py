"""The scikit-learn pipeline: encode columns as the contract says, then any configured estimator.

``model.estimator`` in the environment configuration is the import path of a
scikit-learn-compatible class (scikit-learn's own, LightGBM's ``LGBMClassifier``, XGBoost's
``XGBClassifier``, ...) and ``model.params`` its keyword arguments, one YAML line each. The
preprocessing comes from the data contract, so neither a new dataset nor a new estimator
needs a code edit.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from reference_impl.contract import DataContract

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

SEED_PARAMETERS = ("random_state", "seed")
"""Keyword through which an estimator takes its seed; ``training.seed`` fills the first it has."""

_NEEDS = {"binary": "predict_proba", "multiclass": "predict_proba", "regression": "predict"}


class EstimatorError(ValueError):
    """``model.estimator`` or ``model.params`` cannot make an estimator (a configuration error)."""


def import_attribute(key: str, path: str, module_name: str, name: str) -> Any:
    """Import a module named in the configuration and look up one of its attributes.

    Args:
        key: The configuration key, for the message (``model.estimator``).
        path: Its value, for the message.
        module_name: The module to import.
        name: The attribute.

    Returns:
        The attribute, or ``None`` when the module has none of that name.

    Raises:
        EstimatorError: If the module does not import.
    """
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise EstimatorError(
            f"{key} {path!r}: module {module_name!r} does not import ({exc})"
        ) from None
    return getattr(module, name, None)


def unknown_parameters(target: Any, names: Iterable[str]) -> list[str]:
    """The names a class or function does not take as keyword arguments, sorted.

    Args:
        target: An estimator class or a training function.
        names: Keyword argument names (``model.params``).

    Returns:
        The unknown names; none when ``target`` takes ``**kwargs``.
    """
    accepted = inspect.signature(target).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in accepted.values()):
        return []
    return sorted(name for name in names if name not in accepted)


def unknown_parameters_error(owner: str, unknown: list[str]) -> EstimatorError:
    """The error for ``model.params`` names that ``owner`` does not take, all named at once.

    Several unknown names usually mean a new ``model.estimator`` under the previous class's
    parameters, so the message says how to drop them rather than naming one per run.

    Args:
        owner: The class name or the training function's path.
        unknown: The names it does not take (:func:`unknown_parameters`), at least one.

    Returns:
        The error to raise.
    """
    if len(unknown) == 1:
        return EstimatorError(f"model.params.{unknown[0]}: {owner} has no parameter {unknown[0]!r}")
    names = ", ".join(repr(name) for name in unknown[:-1]) + f" and {unknown[-1]!r}"
    return EstimatorError(
        f"model.params: {owner} has no parameters {names}; if they were the previous model's, "
        "'params: {}' in the environment file (or --set 'model.params={}') drops them"
    )


def import_estimator(path: str) -> type:
    """Import the class named by ``model.estimator``.

    Args:
        path: ``package.module.Class`` (or ``package.module:Class``).

    Returns:
        The class.

    Raises:
        EstimatorError: If the module or the class cannot be imported, or it is no class.
    """
    module_name, _, name = path.replace(":", ".").rpartition(".")
    if not module_name or not name:
        raise EstimatorError(f"model.estimator {path!r}: expected package.module.Class")
    found = import_attribute("model.estimator", path, module_name, name)
    if not inspect.isclass(found):
        raise EstimatorError(f"model.estimator {path!r}: {module_name} has no class {name!r}")
    return found


def checks_settings_early(estimator: Any) -> bool:
    """Whether :func:`make_estimator` checks ``estimator``'s settings before any step runs.

    scikit-learn's estimators declare each parameter's allowed values and check them first
    thing in fit; running that check when the estimator is made refuses a bad value before any
    step runs. Others (LightGBM, XGBoost) declare none and check them when the train step fits.

    Args:
        estimator: An estimator instance.

    Returns:
        ``True`` if it declares ``_parameter_constraints``.
    """
    return hasattr(estimator, "_parameter_constraints")


def make_estimator(path: str, params: Mapping[str, Any], *, seed: int, task: str) -> Any:
    """Instantiate the configured estimator and check that it can serve the task.

    Args:
        path: ``model.estimator``.
        params: ``model.params``.
        seed: ``training.seed``; passed as ``random_state`` (or ``seed``) unless ``params``
            sets it.
        task: The contract's task; classification needs ``predict_proba``.

    Returns:
        The unfitted estimator.

    Raises:
        EstimatorError: If the class is no scikit-learn estimator, lacks what the task
            needs, or refuses a parameter name or (scikit-learn estimators) value.
    """
    cls = import_estimator(path)
    missing = [m for m in ("fit", "get_params", _NEEDS[task]) if not hasattr(cls, m)]
    if missing:
        raise EstimatorError(
            f"model.estimator {path!r} is not a scikit-learn estimator for a {task} task "
            f"(it has no {', '.join(missing)})"
        )
    arguments = dict(params)
    accepted = inspect.signature(cls).parameters
    unknown = unknown_parameters(cls, arguments)
    if unknown:
        raise unknown_parameters_error(cls.__name__, unknown)
    seed_name = next((name for name in SEED_PARAMETERS if name in accepted), None)
    if seed_name and not any(name in arguments for name in SEED_PARAMETERS):
        arguments[seed_name] = seed
    try:
        instance = cls(**arguments)
        if checks_settings_early(instance):
            instance._validate_params()
    except (TypeError, ValueError) as exc:
        raise EstimatorError(f"model.params: {cls.__name__} refused them ({exc})") from None
    _check_kind(path, instance, task)
    _check_available(path, instance, task)
    return instance


def _check_available(path: str, instance: Any, task: str) -> None:
    """Refuse parameters that take away the method the task needs.

    Some classes offer ``predict_proba`` only for some parameters (``SVC`` with
    ``probability=True``, ``SGDClassifier`` with ``loss="log_loss"``): the class has it, the
    instance does not, and the train step would fit the model before failing.
    """
    need = _NEEDS[task]
    try:
        getattr(instance, need)
    except AttributeError as exc:
        reason = str(exc.__cause__ or exc)
        raise EstimatorError(
            f"model.estimator {path!r} has no {need} with these model.params, and a {task} "
            f"task needs it ({reason})"
        ) from None


def _check_kind(path: str, instance: Any, task: str) -> None:
    """Refuse a classifier for a regression task and a regressor for a classification one.

    A classifier has ``predict`` too, and would learn each distinct number as a class.
    """
    from sklearn.base import is_classifier, is_regressor

    if task == "regression" and is_classifier(instance):
        raise EstimatorError(
            f"model.estimator {path!r} is a classifier; a regression task needs a regressor "
            "(e.g. sklearn.ensemble.HistGradientBoostingRegressor)"
        )
    if task != "regression" and is_regressor(instance):
        raise EstimatorError(
            f"model.estimator {path!r} is a regressor; a {task} task needs a classifier"
        )


# --8<-- [start:build-pipeline]
def build_pipeline(
    contract: DataContract, *, estimator: str, params: Mapping[str, Any], seed: int
) -> Pipeline:
    """Build the unfitted pipeline: one-hot categories, scaled numbers, the configured estimator.

    Nullable numbers (``nullable: true`` in the contract) get a block of their own
    (:func:`filled_and_flagged`); a contract without them builds the two blocks it always had.

    Args:
        contract: Names and kinds of the input columns, and the task.
        estimator: Import path of the estimator class (``model.estimator``).
        params: Its keyword arguments (``model.params``).
        seed: Random state of the estimator, unless ``params`` sets one.

    Returns:
        A pipeline whose last step is called ``model``; for a binary task
        ``predict_proba(frame)[:, 1]`` is the positive-class probability.

    Raises:
        EstimatorError: If the estimator cannot be made (see :func:`make_estimator`).
    """
    from sklearn.compose import ColumnTransformer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    model = make_estimator(estimator, params, seed=seed, task=contract.task)
    categories = [list(feature.categories) for feature in contract.categorical]
    blocks = [
        (
            "categories",
            OneHotEncoder(categories=categories, handle_unknown="ignore", sparse_output=False),
            [feature.name for feature in contract.categorical],
        ),
        ("numbers", StandardScaler(), [f.name for f in contract.numeric if not f.nullable]),
    ]
    if gaps := [feature.name for feature in contract.numeric if feature.nullable]:
        blocks.append(("gaps", filled_and_flagged(), gaps))
    encode = ColumnTransformer(blocks, verbose_feature_names_out=False)
    return Pipeline([("encode", encode), ("model", model)])
    # --8<-- [end:build-pipeline]


def filled_and_flagged() -> Pipeline:
    """How nullable numbers are encoded: an empty cell becomes the median, flagged as empty.

    Every estimator then sees numbers only (a logistic regression refuses an empty cell), and
    the flag keeps what an empty cell says (an income not given) from reading as a median one.

    Returns:
        The median fill (with a 0/1 column per feature that had empty cells in training),
        then the same scaling as the other numbers.
    """
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    fill = SimpleImputer(strategy="median", add_indicator=True)
    return Pipeline([("fill", fill), ("scale", StandardScaler())])
