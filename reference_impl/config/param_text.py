"""``model.params`` as one command-line word, and back: how a step receives its parameters.

A step's command line carries the parameters as ``name=value,...``. A value whose YAML text
is plain (letters, digits, ``. _ + - : /``) and reads back as the same value travels as that
text, so ``max_iter=100,learning_rate=0.05`` stays readable in the job's inputs. Any other
value (a list, a mapping, a word with a space) travels as ``@`` followed by its YAML in
URL-safe Base64: no shell on Azure ML splits or expands it, and it reads back exactly,
integer mapping keys included (JSON would turn ``{0: 1}`` into ``{"0": 1}``).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from typing import Any

import yaml

NO_PARAMS = "none"
"""The text of no parameters (an empty argument would vanish from the command)."""

ENCODED = "@"
"""Marks a value sent as Base64 YAML; no plain value holds it."""

_PLAIN = re.compile(r"[\w.+:/-]+")


def params_text(params: Mapping[str, Any]) -> str:
    """``params`` as ``name=value,...`` in name order, or ``none``.

    Args:
        params: ``model.params``: names are Python identifiers, values YAML data.

    Returns:
        The text a step's ``--params`` receives.
    """
    pairs = [f"{name}={_value_text(value)}" for name, value in sorted(params.items())]
    return ",".join(pairs) or NO_PARAMS


def parse_params(text: str) -> dict[str, Any]:
    """Read :func:`params_text` back into a mapping.

    Args:
        text: The step's ``--params`` value; ``none`` for no parameters.

    Returns:
        The parameters, typed as in the configuration (``100`` an integer, ``false`` a
        boolean, ``{0: 1, 1: 5}`` a mapping of integers).
    """
    if text == NO_PARAMS:
        return {}
    pairs = (item.partition("=") for item in text.split(",") if item)
    return {name: _value(value) for name, _, value in pairs}


def _value_text(value: Any) -> str:
    if not isinstance(value, list | dict):
        plain = _scalar_text(value)
        if _PLAIN.fullmatch(plain) and _same(yaml.safe_load(plain), value):
            return plain
    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True)
    return ENCODED + base64.urlsafe_b64encode(dumped.encode()).decode().rstrip("=")


def _value(text: str) -> Any:
    if not text.startswith(ENCODED):
        return yaml.safe_load(text)
    encoded = text.removeprefix(ENCODED)
    return yaml.safe_load(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))


def _scalar_text(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _same(read: Any, value: Any) -> bool:
    """Whether ``read`` is ``value`` with its type (``1`` is not ``True``, ``"1"`` not ``1``)."""
    return type(read) is type(value) and read == value
