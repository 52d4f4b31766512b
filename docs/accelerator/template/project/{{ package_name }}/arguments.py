"""Command-line values as users type them: an empty one is refused, not taken as a default.

``--data "$DATA"`` with the variable unset passes ``""``. Taken as given, an empty value meant
the option's default (an empty ``--data`` was no ``--data``, an empty ``--code`` uploaded a
snapshot) or the current folder (``Path("")`` is ``.``): the command read, wrote or deployed
something the user did not name. These are ``type=`` functions of argparse options, so the
refusal is argparse's usual one line and exit code 2, before anything runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def _refuse_empty(text: str, hint: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError(f"it is empty: {hint}")
    return text


def given_path(text: str) -> Path:
    """A file or folder.

    Args:
        text: The argument as typed.

    Returns:
        The path.

    Raises:
        argparse.ArgumentTypeError: If ``text`` is empty or only spaces.
    """
    return Path(_refuse_empty(text, "name a file or folder"))


def given_source(text: str) -> str:
    """A data source, a file, a folder or a URI (``train --data``): ``text``, if not empty."""
    return _refuse_empty(text, "name a file, a folder or a URI")


def given_value(text: str) -> str:
    """Any other value, a name, a VM size or an ARM id: ``text``, if not empty."""
    return _refuse_empty(text, "give a value")
