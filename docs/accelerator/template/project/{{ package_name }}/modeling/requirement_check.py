"""Let MLflow check a model's pinned requirements without scanning every installed distribution.

Before MLflow writes a model's ``requirements.txt`` (and when ``mlflow.pyfunc.load_model`` loads
one) it checks each requirement against the installed version, and to do so it first maps every
importable module to the distribution that provides it, by reading the file list of every
installed distribution: about half a second in this project's development environment, the
largest single cost of saving a model. The map serves one case only: a requirement whose version
``importlib.metadata`` cannot find, which MLflow then reads from the module's ``__version__``.
The requirements this project writes are pinned from ``importlib.metadata.version`` itself, so
the check reaches the same answer without the map: a requirement the environment does not
satisfy is still reported.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

_MAP = "_MODULES_TO_PACKAGES"


@contextlib.contextmanager
def without_distribution_scan() -> Iterator[None]:
    """While MLflow saves or loads a model, give its requirement check an empty module map.

    The map is MLflow's own cache (``mlflow.utils.requirements_utils``); it is set to an empty
    one only when nothing has filled it yet, and put back as it was afterwards, so code that
    runs later in the same process and needs the map (requirement inference) still builds it.
    An MLflow release without the cache is left alone.

    Yields:
        Nothing; the block runs with the empty map.
    """
    from mlflow.utils import requirements_utils

    if getattr(requirements_utils, _MAP, ...) is not None:  # filled already, or renamed
        yield
        return
    setattr(requirements_utils, _MAP, {})
    try:
        yield
    finally:
        setattr(requirements_utils, _MAP, None)
