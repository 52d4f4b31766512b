"""The Azure ML environment of every step and deployment, derived from the project's pins.

The versions come from the installed distributions (``uv sync`` installs exactly what
``uv.lock`` resolved), so the jobs run the versions the tests ran. Two pins are overridden,
each for a reason written next to it: ``azureml-mlflow`` (which lets MLflow inside a job log
to the workspace) only accepts older MLflow releases. The environment's version is a hash
of its content: a new pin gives a new version, an unchanged spec reuses the built image.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from typing import Any

from azure.ai.ml.entities import Environment

from reference_impl.azureml.names import ENVIRONMENT_NAME

PYTHON_VERSION = "3.11"
"""The interpreter of the jobs: the lowest Python the project supports (``requires-python``)."""

BASE_IMAGE = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest"
"""Azure ML's CPU base image (Ubuntu 22.04, conda). Microsoft patches it under this tag."""

# --8<-- [start:runtime-pins]
RUNTIME_DISTRIBUTIONS = (
    "mlflow",
    "scikit-learn",
    "pandas",
    "numpy",
    "pandera",
    "pydantic",
    "pyyaml",
    "matplotlib",
    "skops",
    "cloudpickle",  # stores a model.train_function model (with MLflow, which needs it too)
    "azureml-inference-server-http",
    "azureml-ai-monitoring",
    "deltalake",
    "pyarrow",
    "fairlearn",
)
"""Distributions the steps and scoring scripts import; their versions come from the venv."""

OPTIONAL_ESTIMATORS = ("lightgbm", "xgboost")
"""Estimator libraries of the ``estimators`` dependency group: pinned in the job environment
when installed, so a ``model.estimator`` naming one trains and serves on Azure ML unchanged."""

AZUREML_ONLY = (
    "azureml-mlflow==1.62.0.post6",  # MLflow plugin for the workspace's azureml:// tracking URI
)
"""Added in Azure ML only, not needed by the local run."""

OVERRIDES: dict[str, tuple[str, str]] = {
    "mlflow": ("3.15.0", "azureml-mlflow 1.62.0.post6 requires mlflow-skinny<=3.15.0"),
    "pandas": ("2.3.3", "mlflow 3.15.0 requires pandas<3"),
}
"""Pins that differ from the lock, with the reason; drop an entry once the reason is gone."""
# --8<-- [end:runtime-pins]


def pip_requirements() -> list[str]:
    """Exact pins of the job environment.

    Returns:
        ``name==version`` for every runtime distribution (the installed version unless
        overridden) and every installed optional estimator library, followed by the
        Azure-only packages.
    """
    from importlib.metadata import PackageNotFoundError

    pins = [
        f"{name}=={OVERRIDES[name][0] if name in OVERRIDES else version(name)}"
        for name in RUNTIME_DISTRIBUTIONS
    ]
    for name in OPTIONAL_ESTIMATORS:
        try:
            pins.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            continue
    return [*pins, *AZUREML_ONLY]


def conda_spec() -> dict[str, Any]:
    """The conda specification of the environment.

    Returns:
        A conda ``environment.yml`` as a dictionary: Python and pip from conda-forge, the
        pinned packages from PyPI.
    """
    return {
        "name": ENVIRONMENT_NAME,
        "channels": ["conda-forge"],
        "dependencies": [f"python={PYTHON_VERSION}", "pip", {"pip": pip_requirements()}],
    }


def content_version(image: str, spec: dict[str, Any]) -> str:
    """A version string that changes exactly when the image or the specification changes.

    Args:
        image: Base image reference.
        spec: Conda specification.

    Returns:
        The first 12 hex digits of the SHA-256 of both.
    """
    payload = json.dumps({"image": image, "conda": spec}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:12]


# --8<-- [start:runtime-environment]
def runtime_environment() -> Environment:
    """The versioned environment of the training steps and both deployments.

    Returns:
        An ``Environment`` named :data:`~reference_impl.azureml.names.ENVIRONMENT_NAME` whose
        version is the hash of its image and conda specification.
    """
    spec = conda_spec()
    return Environment(
        name=ENVIRONMENT_NAME,
        version=content_version(BASE_IMAGE, spec),
        description="Runtime of the pipeline steps, online scoring and batch scoring.",
        image=BASE_IMAGE,
        conda_file=spec,
    )
    # --8<-- [end:runtime-environment]


def environment_reference(environment: Environment) -> str:
    """The short reference components and deployments use.

    Args:
        environment: A named, versioned environment.

    Returns:
        ``azureml:<name>:<version>``.
    """
    return f"azureml:{environment.name}:{environment.version}"
