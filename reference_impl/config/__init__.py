"""Per-environment configuration (``dev``, ``test``, ``prod``) loaded into typed objects.

Each environment has one YAML file next to this module. The same file drives the local
run (seed, gate thresholds) and the Azure ML run (workspace, compute), so the two targets
cannot disagree about an environment.
"""

from reference_impl.config.loader import (
    ENVIRONMENTS,
    ConfigError,
    load_config,
    load_config_file,
)
from reference_impl.config.model import (
    AzureWorkspace,
    ComputeSpec,
    DataSection,
    EnvironmentConfig,
    EvaluationSection,
    GateSection,
    MonitoringSection,
    RegistrySection,
    TrainingSection,
)
from reference_impl.config.overrides import apply_overrides

__all__ = [
    "ENVIRONMENTS",
    "AzureWorkspace",
    "ComputeSpec",
    "ConfigError",
    "DataSection",
    "EnvironmentConfig",
    "EvaluationSection",
    "GateSection",
    "MonitoringSection",
    "RegistrySection",
    "TrainingSection",
    "apply_overrides",
    "load_config",
    "load_config_file",
]
