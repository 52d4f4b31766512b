"""Per-environment configuration (``dev``, ``test``, ``prod``) loaded into typed objects.

Each environment has one YAML file next to this module. The same file drives the local
run (seed, gate thresholds) and the Azure ML run (workspace, compute), so the two targets
cannot disagree about an environment.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from reference_impl.config.environments import ENVIRONMENTS

if TYPE_CHECKING:
    from reference_impl.config.loader import ConfigError, load_config, load_config_file
    from reference_impl.config.model import (
        AzureWorkspace,
        ComputeSpec,
        DataSection,
        EnvironmentConfig,
        EvaluationSection,
        GateSection,
        ModelSection,
        MonitoringSection,
        RegistrySection,
        TrainingSection,
    )
    from reference_impl.config.overrides import apply_overrides

# Where each name lives. They are imported on first use, so listing the environments (for
# ``--help``) does not pay for pydantic and the models.
_HOMES = {
    "ConfigError": "loader",
    "load_config": "loader",
    "load_config_file": "loader",
    "apply_overrides": "overrides",
    **dict.fromkeys(
        (
            "AzureWorkspace",
            "ComputeSpec",
            "DataSection",
            "EnvironmentConfig",
            "EvaluationSection",
            "GateSection",
            "MonitoringSection",
            "RegistrySection",
            "ModelSection",
            "TrainingSection",
        ),
        "model",
    ),
}


def __getattr__(name: str) -> Any:
    """Import a public name from its submodule the first time it is asked for.

    Args:
        name: An attribute of this package.

    Returns:
        The class or function ``name``.

    Raises:
        AttributeError: If the package has no such name.
    """
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


__all__ = [
    "ENVIRONMENTS",
    "AzureWorkspace",
    "ComputeSpec",
    "ConfigError",
    "DataSection",
    "EnvironmentConfig",
    "EvaluationSection",
    "GateSection",
    "ModelSection",
    "MonitoringSection",
    "RegistrySection",
    "TrainingSection",
    "apply_overrides",
    "load_config",
    "load_config_file",
]
