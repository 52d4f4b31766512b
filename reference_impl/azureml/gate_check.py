"""Check on Azure ML that a model version may be deployed: gate approved, lineage complete.

``promote`` checks the same tags before copying a version; ``deploy`` checks them again in the
environment it deploys to, before any deployment is created or any traffic moves, because
a version can reach the registry by other means than ``promote``.
"""

from __future__ import annotations

from azure.ai.ml.entities import Model

from reference_impl.azureml.models import explicit_version
from reference_impl.azureml.names import TRAINING_ENV
from reference_impl.config import EnvironmentConfig
from reference_impl.lineage import require_gate_evidence


# --8<-- [start:verify-deployable]
def verify_deployable(config: EnvironmentConfig, model_name: str, version: str) -> Model:
    """Read the version the environment deploys and check its gate evidence and lineage.

    Args:
        config: The deploying environment (``dev`` reads its workspace, others the registry).
        model_name: Registered model name.
        version: Explicit version.

    Returns:
        The model version.

    Raises:
        GateRefused: If the gate rejected it, or it lacks gate evidence or lineage tags.
        VersionError: If ``version`` is not an explicit number.
    """
    from reference_impl.azureml import client

    version = explicit_version(version)
    if config.name == TRAINING_ENV:
        ml_client = client.workspace_client(config)
    else:
        ml_client = client.registry_client(config)
    model = ml_client.models.get(name=model_name, version=version)
    require_gate_evidence(model_name, version, model.tags)
    return model
    # --8<-- [end:verify-deployable]
