"""The project's names as the tests use them: read from ``config/project.yaml``, never spelled out.

The tests travel with the project into every generated copy, so they must hold under any name.
"""

import pytest

from reference_impl.config import ENVIRONMENTS
from reference_impl.config.project import load_project

PROJECT = load_project()
MODEL = PROJECT.model_name
EXPERIMENT = PROJECT.experiment
RUNTIME = PROJECT.azureml.environment
PREFIX = PROJECT.azureml.component_prefix
ASSET = PROJECT.azureml.training_data_asset
PROB = PROJECT.outputs.probability
DECISION = PROJECT.outputs.decision
NEXT = ENVIRONMENTS[1]
"""The environment a model is promoted to from dev (``test``, or ``prod`` without one)."""
NEEDS_TEST_ENV = pytest.mark.skipif(
    "test" not in ENVIRONMENTS, reason="this project has no test environment (dev-prod)"
)
