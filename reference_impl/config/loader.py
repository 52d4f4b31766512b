"""Read an environment file and turn every problem into one clear :class:`ConfigError`."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from reference_impl.config.environments import CONFIG_DIR as CONFIG_DIR
from reference_impl.config.environments import ENVIRONMENTS as ENVIRONMENTS
from reference_impl.config.model import EnvironmentConfig
from reference_impl.config.problems import validation_problems
from reference_impl.yaml_file import YamlFileError, read_yaml


class ConfigError(ValueError):
    """An environment configuration file is missing, unreadable or invalid."""


def load_config_file(path: Path) -> EnvironmentConfig:
    """Load and validate one configuration file.

    Args:
        path: A YAML file with the shape of :class:`EnvironmentConfig`.

    Returns:
        The validated, immutable configuration.

    Raises:
        ConfigError: If the file is missing, cannot be read, is not YAML, or breaks a rule;
            the message names the file and each offending key.
    """
    try:
        raw = read_yaml(path, str(path))
    except YamlFileError as exc:  # missing, a folder, not UTF-8, not YAML
        raise ConfigError(str(exc)) from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    try:
        return EnvironmentConfig.model_validate(raw)
    except ValidationError as exc:
        problems = validation_problems(exc)
        raise ConfigError(f"{path}: {problems}") from exc


# --8<-- [start:load-config]
def load_config(env: str, config_dir: Path = CONFIG_DIR) -> EnvironmentConfig:
    """Load the configuration of a named environment.

    Args:
        env: One of :data:`ENVIRONMENTS`.
        config_dir: Folder holding ``<env>.yaml`` files (defaults to the shipped ones).

    Returns:
        The validated configuration of ``env``.

    Raises:
        ConfigError: If ``env`` is unknown, or its file is missing or invalid.
    """
    if env not in ENVIRONMENTS:
        raise ConfigError(f"unknown environment {env!r}; expected one of {', '.join(ENVIRONMENTS)}")
    path = config_dir / f"{env}.yaml"
    config = load_config_file(path)
    if config.name != env:
        raise ConfigError(f"{path}: name is {config.name!r}, expected {env!r}")
    return config
    # --8<-- [end:load-config]
