"""MkDocs hook: load mkdocstrings-python with plain dataclasses for its options, not pydantic.

mkdocstrings-python declares its options as dataclasses and uses pydantic's when pydantic can be
imported, to validate ``mkdocs.yml`` while it is being written; without pydantic it uses the
standard library's and the build is the same. This repository has pydantic (the reference
project's configuration is built on it), so every build paid about 0.2 s building pydantic
schemas for options it had already validated. Before mkdocstrings loads its handler, this hook
imports the handler with pydantic hidden; the options are validated with pydantic by
``tests/docs/test_handler_options.py`` instead.
"""

from __future__ import annotations

import sys
from typing import Any

from mkdocs.plugins import event_priority

from reference_impl.hidden_module import hidden

HANDLER = "mkdocstrings_handlers.python"
VALIDATOR = "pydantic"


def import_handler_without_validation() -> None:
    """Import the Python handler with its options as standard dataclasses.

    Does nothing when the handler is already imported (a reload under ``mkdocs serve``, or a
    process that imported it earlier); ``pydantic`` is importable again afterwards.
    """
    if HANDLER in sys.modules:
        return
    with hidden(VALIDATOR):
        __import__(HANDLER)


@event_priority(100)  # before mkdocstrings' own on_config, which loads the handler
def on_config(config: Any, **_kwargs: Any) -> Any:
    """MkDocs ``on_config`` event: import the handler before mkdocstrings does."""
    if "mkdocstrings" in config["plugins"]:
        import_handler_without_validation()
    return config
