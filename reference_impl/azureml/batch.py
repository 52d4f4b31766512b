"""Batch endpoint: score folders of CSV files with one pinned model version.

The batch deployment runs ``reference_impl/scoring/batch_driver.py`` (the same driver the
local ``batch-score`` command uses) on the environment's training cluster, which scales to
zero between jobs. A new model version updates the single deployment in place: batch jobs
are not served live, so there is no traffic to shift.
"""

from __future__ import annotations

from pathlib import Path

from azure.ai.ml import MLClient
from azure.ai.ml.constants import BatchDeploymentOutputAction
from azure.ai.ml.entities import (
    BatchEndpoint,
    BatchRetrySettings,
    CodeConfiguration,
    ModelBatchDeployment,
    ModelBatchDeploymentSettings,
)

from reference_impl.azureml.names import BATCH_DEPLOYMENT, batch_endpoint
from reference_impl.azureml.snapshot import BATCH_DRIVER
from reference_impl.config import EnvironmentConfig


def batch_endpoint_entity(config: EnvironmentConfig, model_name: str) -> BatchEndpoint:
    """The batch endpoint of ``model_name`` in an environment.

    Args:
        config: The environment.
        model_name: Registered model name.

    Returns:
        A ``BatchEndpoint`` (Microsoft Entra authentication, the only mode batch supports).
    """
    return BatchEndpoint(
        name=batch_endpoint(model_name, config),
        description=f"Batch scoring of {model_name} in {config.name}.",
        tags={"environment": config.name, "model": model_name},
    )


# --8<-- [start:batch-deployment]
def batch_deployment(
    config: EnvironmentConfig, *, model_name: str, model: str, code: str | Path, environment: str
) -> ModelBatchDeployment:
    """The batch deployment, pinned to one model version.

    Args:
        config: The environment.
        model_name: Registered model name (names the endpoint).
        model: Explicit model reference.
        code: The code snapshot folder, or the ARM id of an uploaded code asset.
        environment: Environment reference.

    Returns:
        A ``ModelBatchDeployment`` that appends one row per customer to ``predictions.csv``.
    """
    return ModelBatchDeployment(
        name=BATCH_DEPLOYMENT,
        endpoint_name=batch_endpoint(model_name, config),
        model=model,
        environment=environment,
        code_configuration=CodeConfiguration(code=str(code), scoring_script=BATCH_DRIVER),
        compute=config.compute.name,
        settings=ModelBatchDeploymentSettings(
            mini_batch_size=10,
            instance_count=1,
            max_concurrency_per_instance=2,
            output_action=BatchDeploymentOutputAction.APPEND_ROW,
            output_file_name="predictions.csv",
            retry_settings=BatchRetrySettings(max_retries=3, timeout=300),
            error_threshold=-1,
            logging_level="info",
        ),
        tags={"model": model},
    )
    # --8<-- [end:batch-deployment]


def deploy_batch(
    ml_client: MLClient, endpoint: BatchEndpoint, deployment: ModelBatchDeployment
) -> BatchEndpoint:
    """Create or update the endpoint and its deployment, and make the deployment the default.

    Args:
        ml_client: Client of the workspace.
        endpoint: The endpoint entity.
        deployment: The deployment entity.

    Returns:
        The endpoint as Azure ML returned it.
    """
    ml_client.batch_endpoints.begin_create_or_update(endpoint).result()
    ml_client.batch_deployments.begin_create_or_update(deployment).result()
    endpoint.defaults = {"deployment_name": deployment.name}
    return ml_client.batch_endpoints.begin_create_or_update(endpoint).result()
