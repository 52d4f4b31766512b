"""Apply ``section.key=value`` overrides from the command line to a loaded configuration."""

from __future__ import annotations

from collections.abc import Sequence

import yaml
from pydantic import ValidationError

from reference_impl.config.loader import ConfigError
from reference_impl.config.model import EnvironmentConfig
from reference_impl.config.problems import validation_problems

_SHOWN = 60
OPEN_SECTIONS = ("model.params",)
"""Mappings whose keys are not fixed: an override may add a key there (a new hyperparameter)."""


def _short(text: str, *, quote: bool = True) -> str:
    """``text`` cut to a readable length for a message."""
    cut = text if len(text) <= _SHOWN else text[:_SHOWN] + "..."
    return repr(cut) if quote else cut


# --8<-- [start:apply-overrides]
def apply_overrides(config: EnvironmentConfig, overrides: Sequence[str]) -> EnvironmentConfig:
    """Return a copy of ``config`` with dotted keys replaced, validated like the YAML file.

    Args:
        config: A loaded configuration.
        overrides: Items such as ``model.params.max_iter=1``; values are parsed as YAML scalars,
            so ``1`` is an integer and ``0.5`` a float.

    Returns:
        The validated new configuration (``config`` itself when there are no overrides).

    Raises:
        ConfigError: If an item has no ``=``, names an unknown key (``model.params`` takes
            new ones), holds a value that is
            not valid YAML, or breaks a rule (``true`` for a number and ``.inf`` are refused).
    """
    if not overrides:
        return config
    data = config.model_dump()
    for item in overrides:
        key, sep, raw = item.partition("=")
        if not sep or not key:
            raise ConfigError(f"override {_short(item)}: expected SECTION.KEY=VALUE")
        *parents, leaf = key.split(".")
        node = data
        for part in parents:
            child = node.get(part) if isinstance(node, dict) else None
            if not isinstance(child, dict):
                raise ConfigError(f"override {_short(item)}: unknown section {_short(part)}")
            node = child
        if leaf not in node and ".".join(parents) not in OPEN_SECTIONS:
            raise ConfigError(f"override {_short(item)}: unknown key {_short(key)}")
        try:
            node[leaf] = yaml.safe_load(raw)
        except yaml.YAMLError:
            raise ConfigError(
                f"override {_short(item)}: the value is not a valid YAML scalar; quote it"
            ) from None
    try:
        return EnvironmentConfig.model_validate(data)
    except ValidationError as exc:
        problems = validation_problems(exc)
        shown = ", ".join(_short(item, quote=False) for item in overrides)
        raise ConfigError(f"overrides {shown}: {problems}") from None
    # --8<-- [end:apply-overrides]
