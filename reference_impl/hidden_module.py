"""Run a block with one module made unimportable, to skip an optional import a library probes.

Some libraries import an optional package only to ask a question whose answer is already known
when that package has not been imported yet. MLflow, for one, imports IPython on every new run
to ask whether it runs in a notebook, and no notebook shell exists before IPython is imported.
With the module hidden, the library's ``import`` raises ``ImportError``, which it handles as "not
installed", and the import's cost is not paid.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

_ABSENT = object()


@contextmanager
def hidden(name: str) -> Iterator[None]:
    """Make ``import name`` raise ``ImportError`` inside the block.

    Afterwards ``name`` is importable again and ``sys.modules`` holds what it held before
    (the module itself, if it had been imported). Only the block's own imports are affected:
    keep it around the one call that probes.

    Args:
        name: A top-level module name, such as ``"IPython"``.

    Yields:
        Nothing; the module is hidden until the block ends.
    """
    before = sys.modules.get(name, _ABSENT)
    sys.modules[name] = None  # type: ignore[assignment]  # Python's marker: "import fails"
    try:
        yield
    finally:
        if before is _ABSENT:
            sys.modules.pop(name, None)
        else:
            sys.modules[name] = before  # type: ignore[assignment]
