"""Command-line values as users type them: an empty one is refused, not taken as a default.

``--data "$DATA"`` with the variable unset passes ``""``. Taken as given, an empty value meant
the option's default (an empty ``--data`` was no ``--data``, an empty ``--code`` uploaded a
snapshot) or the current folder (``Path("")`` is ``.``): the command read, wrote or deployed
something the user did not name. These are ``type=`` functions of argparse options, so the
refusal is argparse's usual one line and exit code 2, before anything runs. A date and a VM
size are read the same way, with a message that shows the form they take.
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path

from reference_impl.config.patterns import VM_SIZE, WORDS
from reference_impl.paths import databricks_problem, is_uri

TABLE_FORMS = "a CSV or Parquet file, a folder of CSV or Parquet files, or a Delta table folder"
"""What a command that reads a table takes, as its ``--help`` says it (see ``formats.py``)."""


def _refuse_empty(text: str, hint: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError(f"it is empty: {hint}")
    return text


def given_path(text: str) -> Path:
    """A local file or folder.

    A URI is refused: as a path, ``abfss://c@account/x`` is the relative folder ``abfss:``,
    and the command said that folder held no data, or that a file was not found.

    Args:
        text: The argument as typed.

    Returns:
        The path.

    Raises:
        argparse.ArgumentTypeError: If ``text`` is empty or only spaces, a URI, or a
            Databricks file system path (``dbfs:/...``).
    """
    if problem := databricks_problem(text):
        raise argparse.ArgumentTypeError(f"{text}: {problem}")
    if is_uri(text):
        raise argparse.ArgumentTypeError(
            f"{text} is a URI; this option takes a local file or folder (copy the data down, "
            "or let an Azure ML job read the URI)"
        )
    return Path(_refuse_empty(text, "name a file or folder"))


def given_source(text: str) -> str:
    """A data source, a file, a folder or a URI (``train --data``): ``text``, if not empty."""
    return _refuse_empty(text, "name a file, a folder or a URI")


def given_value(text: str) -> str:
    """Any other value, a name, a VM size or an ARM id: ``text``, if not empty."""
    return _refuse_empty(text, "give a value")


def vm_size(text: str) -> str:
    """A VM size such as ``Standard_DS3_v2`` (``deploy --instance-type``).

    Args:
        text: The argument as typed.

    Returns:
        ``text``.

    Raises:
        argparse.ArgumentTypeError: If ``text`` is empty or not named as Azure names VM sizes.
    """
    if not re.fullmatch(VM_SIZE, _refuse_empty(text, "give a value")):
        raise argparse.ArgumentTypeError(f"{text!r} is not {WORDS[VM_SIZE]}")
    return text


def iso_date(text: str) -> date:
    """A calendar date typed as ``YYYY-MM-DD`` (``batch-score --run-date``).

    Args:
        text: The argument as typed.

    Returns:
        The date.

    Raises:
        argparse.ArgumentTypeError: If ``text`` is not a date in that form.
    """
    try:
        return date.fromisoformat(_refuse_empty(text, "give a date as YYYY-MM-DD"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: give it as YYYY-MM-DD, e.g. 2026-03-31"
        ) from None
