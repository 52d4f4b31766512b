"""What a job on Azure ML can import: the environment's pins, what they require, the package.

A job installs the pins of :func:`~reference_impl.azureml.environment.pip_requirements` (and,
through pip, everything they require) and unpacks the package's code snapshot; nothing else.
A class or a module from any other library installed here trains locally and fails there,
after the image was built and the cluster started, so ``train --target azureml`` asks first:
of the estimator's module and the training function's, and of every module of the package they
reach through their imports (a team's helper module may be the one that imports a library).
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import sys
from collections.abc import Iterator
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

    missing = _not_in_job(_reachable([import_estimator(path).__module__]))
    return f"model.estimator {path}: {missing}" if missing else None


def unpinned_imports(function: str) -> str | None:
    """Why a job could not import what the training function's module imports, or ``None``.

    Args:
        function: ``model.train_function`` (``package.module:function``, in the package).

    Returns:
        One sentence naming the key, the first such module and the fix, or ``None``.
    """
    missing = _not_in_job(_reachable(_imports(function.partition(":")[0])))
    return f"model.train_function {function}: {missing}" if missing else None


def _imports(module: str) -> list[str]:
    """The modules ``module``'s source imports, at module level or in a function, by full name.

    Relative imports are resolved; ``from package import name`` counts ``name`` when it is a
    module. Imports a job can do without are left out: under ``if TYPE_CHECKING:``, and in a
    ``try:`` whose handler catches ``ImportError`` or ``ModuleNotFoundError``. A module without
    Python source (compiled, or not found) imports nothing that can be read.
    """
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return []
    with open(spec.origin, encoding="utf-8") as source:
        tree = ast.parse(source.read())
    package = module if spec.submodule_search_locations is not None else spec.parent
    names: list[str] = []
    for node in _needed_nodes(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            try:
                base = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
            except (ImportError, ValueError):  # beyond the top: it could not run anywhere
                continue
            names.append(base)
            if _own(base):
                names += _submodules(base, [alias.name for alias in node.names])
    return names


OPTIONAL_IMPORT = {"ImportError", "ModuleNotFoundError"}
"""Handlers that make the imports of their ``try:`` optional."""


def _needed_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """``node`` and the nodes under it, without type-checking blocks and optional imports."""
    yield node
    if isinstance(node, ast.If) and ast.unparse(node.test).rpartition(".")[2] == "TYPE_CHECKING":
        children: list[ast.AST] = list(node.orelse)
    elif isinstance(node, ast.Try) and any(map(_catches_import_error, node.handlers)):
        children = [*node.handlers, *node.orelse, *node.finalbody]
    else:
        children = list(ast.iter_child_nodes(node))
    for child in children:
        yield from _needed_nodes(child)


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    """Whether ``except …:`` names ``ImportError`` or ``ModuleNotFoundError``."""
    caught = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(
        kind is not None and ast.unparse(kind).rpartition(".")[2] in OPTIONAL_IMPORT
        for kind in caught
    )


def _own(module: str) -> bool:
    """Whether ``module`` is part of the package (its code travels in the job's snapshot)."""
    return module.partition(".")[0] == PACKAGE


def _submodules(base: str, names: list[str]) -> list[str]:
    """The ``names`` that are modules of package ``base`` (``from base import name``).

    Only a package's ``__init__`` is imported to look; no module's code runs for the check.
    """
    spec = importlib.util.find_spec(base)
    if spec is None or spec.submodule_search_locations is None:
        return []  # a module: each name is one of its attributes
    return [f"{base}.{name}" for name in names if importlib.util.find_spec(f"{base}.{name}")]


def _reachable(modules: list[str]) -> list[tuple[str, str | None]]:
    """``modules``, then what the package's own modules among them import, and so on.

    Args:
        modules: Where to start.

    Returns:
        Each module once with the package module that imports it (``None`` for a start), in
        the order they are reached.
    """
    found: dict[str, str | None] = {}
    todo: list[tuple[str, str | None]] = [(module, None) for module in modules]
    while todo:
        module, importer = todo.pop(0)
        if module in found:
            continue
        found[module] = importer
        if _own(module):
            todo += [(name, module) for name in _imports(module)]
    return list(found.items())


def _not_in_job(modules: list[tuple[str, str | None]]) -> str | None:
    """Why a job could not import the first of ``modules`` (with their importers), or ``None``."""
    checked: set[str] = set()  # a library's modules share one answer: its top-level name's
    for module, importer in modules:
        top = module.partition(".")[0]
        if top in checked or top in sys.stdlib_module_names or top == "__future__" or _own(module):
            continue
        checked.add(top)
        via = f", imported by {importer}" if importer else ""
        needed_by = f" (for {importer})" if importer else ""
        provider = module_distribution(module)
        if provider is None:
            return (
                f"an Azure ML job imports {top}{needed_by} from its environment or its code "
                f"snapshot, and it is in neither (no installed package provides it); move it "
                f"into the {PACKAGE} package"
            )
        if canonical_name(provider) not in job_distributions():
            return (
                f"an Azure ML job installs only its environment's pins and what they require, "
                f"and {provider} (which provides {top}{via}) is not among them; add {provider!r} "
                f"to OPTIONAL_ESTIMATORS in {ENVIRONMENT_FILE}, which pins the version installed "
                f"here"
            )
    return None
