"""Short, safe forms of what a message echoes back from a data file.

A message lands in CI logs and terminals. Echoing a cell in full can print 309 digits for
``1e308``, or a secret when someone passes ``--data .env``. Values are shortened and made
printable; header names are shown only when they look like column names, otherwise counted.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

MAX_VALUE = 12
"""Longest text value shown in full; longer ones show their first characters only."""

PREFIX = 4
"""Characters shown of a longer value."""

MAX_NAMES = 5
"""Header names listed before the rest are counted."""

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_ .-]{0,39}")


def short_value(value: object) -> str:
    """A cell value as a message may show it.

    Args:
        value: A value read from a file.

    Returns:
        Numbers in at most 6 significant digits (``1e+308``), booleans as ``True``/``False``,
        text quoted and printable, cut to a few characters and its length when long.
    """
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        number = float(value)
        if math.isfinite(number) and number.is_integer() and abs(number) < 1e15:
            return str(int(number))
        return f"{number:.6g}"
    text = str(value)
    if len(text) <= MAX_VALUE:
        return ascii(text)
    return f"{ascii(text[:PREFIX])[:-1]}...' ({len(text)} characters)"


def safe_names(names: Sequence[str]) -> str:
    """Header names as a message may list them: plain names shown, anything else counted.

    Args:
        names: Column names from a file's header.

    Returns:
        e.g. ``note, extra`` or ``note and 2 other name(s) not shown (not plain column
        names)``; a name with ``=``, quotes, spaces at the ends or 40+ characters is never shown.
    """
    plain = [name for name in names if _NAME.fullmatch(name) and name == name.strip()]
    shown = plain[:MAX_NAMES]
    hidden = len(names) - len(shown)
    parts = [", ".join(shown)] if shown else []
    if hidden:
        other = " other" if shown else ""
        parts.append(f"{hidden}{other} name(s) not shown (not plain column names, or too many)")
    return " and ".join(parts)
