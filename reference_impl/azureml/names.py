"""Names of everything this project creates in Azure ML, derived from the environment.

One place decides the names (from the project identity, ``config/project.yaml``), so the
training, promotion, deployment and monitoring commands agree on them. Nothing here imports
azure-ai-ml.
"""

from __future__ import annotations

import re

from reference_impl.config import EnvironmentConfig
from reference_impl.config.environments import TRAINING_ENV as TRAINING_ENV
from reference_impl.config.project import load_project

_PROJECT = load_project()

ENVIRONMENT_NAME = _PROJECT.azureml.environment
"""Azure ML environment used by every step, the online deployment and the batch deployment."""

COMPONENT_PREFIX = _PROJECT.azureml.component_prefix
"""Component names are ``<prefix><step>`` (Azure ML allows lowercase letters, digits, ``_``)."""

EXPERIMENT_NAME = _PROJECT.experiment
"""The same experiment name as the local MLflow runs."""

TRAINING_DATA_ASSET = _PROJECT.azureml.training_data_asset
"""Data asset (``uri_file``) a production pipeline binds to its ``raw_data`` input."""

BASELINE_DATA_ASSET = f"{_PROJECT.experiment}-baseline"
"""Data asset (``mltable``) the model monitor compares production data with."""

BASELINE_DATA_VERSION = "1"
"""Version of :data:`BASELINE_DATA_ASSET` a dry run writes from the bundled data. Against a
workspace the version is the serving model's training data version (never ``latest``)."""

COLOURS = ("blue", "green")
"""The two online deployments of blue/green releases."""

BATCH_DEPLOYMENT = "scoring"
"""The batch endpoint's single deployment, updated in place to a new model version."""

_ENDPOINT = re.compile(r"^[a-zA-Z][a-zA-Z0-9-]{1,30}[a-zA-Z0-9]$")


def _endpoint(name: str) -> str:
    if not _ENDPOINT.match(name):
        raise ValueError(
            f"endpoint name {name!r} breaks Azure ML's rule: 3-32 letters, digits or '-', "
            "starting with a letter; shorten the model name"
        )
    return name


def online_endpoint(model_name: str, config: EnvironmentConfig) -> str:
    """Name of the managed online endpoint serving ``model_name`` in an environment.

    Endpoint names are unique per Azure region, so they carry the environment name.

    Args:
        model_name: Registered model name.
        config: The environment.

    Returns:
        ``<model_name>-<env>``, e.g. ``fraud-model-dev``.

    Raises:
        ValueError: If the name breaks Azure ML's endpoint naming rule.
    """
    return _endpoint(f"{model_name}-{config.name}")


def batch_endpoint(model_name: str, config: EnvironmentConfig) -> str:
    """Name of the batch endpoint scoring files with ``model_name`` in an environment.

    Args:
        model_name: Registered model name.
        config: The environment.

    Returns:
        ``<model_name>-<env>-batch``.

    Raises:
        ValueError: If the name breaks Azure ML's endpoint naming rule.
    """
    return _endpoint(f"{model_name}-{config.name}-batch")


def component_name(step: str) -> str:
    """Name of the command component of a pipeline step.

    Args:
        step: Step name, e.g. ``prep``.

    Returns:
        ``<component_prefix><step>``, e.g. ``fraud_prep``.
    """
    return f"{COMPONENT_PREFIX}{step}"


def monitor_schedule(model_name: str, config: EnvironmentConfig) -> str:
    """Name of the model-monitoring schedule of an environment.

    Args:
        model_name: Registered model name.
        config: The environment.

    Returns:
        ``<model_name>-<env>-monitor``.
    """
    return f"{model_name}-{config.name}-monitor"


def retraining_schedule(pipeline_name: str) -> str:
    """Name of the schedule that re-runs the training pipeline.

    Args:
        pipeline_name: The training pipeline's name.

    Returns:
        ``<pipeline_name>-weekly``.
    """
    return f"{pipeline_name}-weekly"
