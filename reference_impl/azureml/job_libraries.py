"""What a job on Azure ML can import: the environment's pins, what they require, the package.

A job installs the pins of :func:`~reference_impl.azureml.environment.pip_requirements` (and,
through pip, everything they require) and unpacks the package's code snapshot; nothing else.
A class or a module from any other library installed here trains locally and fails there,
after the image was built and the cluster started, so ``train --target azureml`` asks first.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import sys
from importlib.metadata import PackageNotFoundError, requires

from reference_impl.azureml.environment import pip_requirements
from reference_impl.distributions import canonical_name, module_distribution

PACKAGE = __name__.partition(".")[0]
ENVIRONMENT_FILE = f"{PACKAGE}/azureml/environment.py"


@functools.cache
def job_distributions() -> frozenset[str]:
    """Canonical names of the distributions a job's environment installs.

    Returns:
        The pins, and recursively what each installed one requires (without extras), as read
        from the metadata installed here; a pin not installed here (``azureml-mlflow``)
        counts itself only.
    """
    from packaging.requirements import Requirement

    todo = [pin.split("==")[0] for pin in pip_requirements()]
    seen: set[str] = set()
    while todo:
        name = canonical_name(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            needs = requires(name) or []
        except PackageNotFoundError:
            continue
        for text in needs:
            need = Requirement(text)
            if need.marker is None or need.marker.evaluate({"extra": ""}):
                todo.append(need.name)
    return frozenset(seen)


def unpinned_estimator(path: str) -> str | None:
    """Why a job could not import the configured estimator, or ``None``.

    Args:
        path: ``model.estimator`` (it imports here: checked before).

    Returns:
        One sentence naming the key and the fix, or ``None`` for scikit-learn, the package's
        own classes and those of a library the job installs.
    """
    from reference_impl.modeling.estimator import import_estimator

    missing = _not_in_job([import_estimator(path).__module__])
    return f"model.estimator {path}: {missing}" if missing else None


def unpinned_imports(function: str) -> str | None:
    """Why a job could not import what the training function's module imports, or ``None``.

    Args:
        function: ``model.train_function`` (``package.module:function``, in the package).

    Returns:
        One sentence naming the key, the first such module and the fix, or ``None``.
    """
    spec = importlib.util.find_spec(function.partition(":")[0])
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return None  # it imports (checked before); a compiled module has no source to read
    with open(spec.origin, encoding="utf-8") as source:
        tree = ast.parse(source.read())
    names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names]  # fmt: skip
    names += [node.module for node in ast.walk(tree)
              if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module]  # fmt: skip
    missing = _not_in_job(names)
    return f"model.train_function {function}: {missing}" if missing else None


def _not_in_job(modules: list[str]) -> str | None:
    """The reason the first of ``modules`` a job cannot import, or ``None``."""
    for module in modules:
        top = module.partition(".")[0]
        if top in sys.stdlib_module_names or top in ("__future__", PACKAGE):
            continue
        provider = module_distribution(module)
        if provider is None:
            return (
                f"an Azure ML job imports {top} from its environment or its code snapshot, "
                f"and it is in neither (no installed package provides it); move it into the "
                f"{PACKAGE} package"
            )
        if canonical_name(provider) not in job_distributions():
            return (
                f"an Azure ML job installs only its environment's pins and what they require, "
                f"and {provider} (which provides {top}) is not among them; add {provider!r} to "
                f"OPTIONAL_ESTIMATORS in {ENVIRONMENT_FILE}, which pins the version installed here"
            )
    return None
