"""The project's names as the tests use them: read from ``config/project.yaml``, never spelled out.

The tests travel with the project into every generated copy, so they must hold under any name.
"""

from reference_impl.config.project import load_project

PROJECT = load_project()
MODEL = PROJECT.model_name
EXPERIMENT = PROJECT.experiment
RUNTIME = PROJECT.azureml.environment
PREFIX = PROJECT.azureml.component_prefix
ASSET = PROJECT.azureml.training_data_asset
PROB = PROJECT.outputs.probability
DECISION = PROJECT.outputs.decision
