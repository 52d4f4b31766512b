"""The training cluster of an environment, from the ``compute`` section of its configuration."""

from __future__ import annotations

from azure.ai.ml import MLClient
from azure.ai.ml.entities import AmlCompute
from azure.core.exceptions import ResourceNotFoundError

from reference_impl.config import EnvironmentConfig


# --8<-- [start:cluster]
def training_cluster(config: EnvironmentConfig) -> AmlCompute:
    """The autoscaling cluster the pipeline runs on.

    Args:
        config: The environment.

    Returns:
        An ``AmlCompute`` that scales between ``min_instances`` (``0``: nothing to pay while
        idle) and ``max_instances`` nodes of ``size``.
    """
    spec = config.compute
    return AmlCompute(
        name=spec.name,
        size=spec.size,
        min_instances=spec.min_instances,
        max_instances=spec.max_instances,
        idle_time_before_scale_down=spec.idle_seconds,
        tier="dedicated",
        description=f"Training cluster of the {config.name} environment.",
    )
    # --8<-- [end:cluster]


def ensure_cluster(ml_client: MLClient, config: EnvironmentConfig) -> str:
    """Create the cluster if the workspace does not have it yet; never change an existing one.

    The infrastructure code (Bicep or Terraform) normally creates the cluster with its managed
    identity; this only covers a workspace made by hand.

    Args:
        ml_client: Client of the environment's workspace.
        config: The environment.

    Returns:
        ``"exists"`` or ``"created"``.
    """
    try:
        ml_client.compute.get(config.compute.name)
        return "exists"
    except ResourceNotFoundError:
        ml_client.compute.begin_create_or_update(training_cluster(config)).result()
        return "created"
