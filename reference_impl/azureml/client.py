"""``MLClient`` factories: the workspace of an environment, and the shared registry.

The credential is ``DefaultAzureCredential``: the Azure CLI login on a laptop, workload
identity federation (OIDC) in GitHub Actions or Azure DevOps, a managed identity on Azure
compute. Nothing is read from files or secrets; a user only fills in ``azure`` in
``reference_impl/config/<env>.yaml``. Extra keyword arguments reach the SDK's HTTP pipeline
(the tests pass a ``transport`` that answers instead of Azure).
"""

from __future__ import annotations

from typing import Any

from azure.ai.ml import MLClient
from azure.core.credentials import TokenCredential

from reference_impl.config import EnvironmentConfig


def default_credential() -> TokenCredential:
    """The credential chain used when none is given.

    Returns:
        A ``DefaultAzureCredential`` (interactive browser login excluded, so CI never hangs).
    """
    from azure.identity import DefaultAzureCredential

    return DefaultAzureCredential(exclude_interactive_browser_credential=True)


# --8<-- [start:workspace-client]
def workspace_client(
    config: EnvironmentConfig, credential: TokenCredential | None = None, **kwargs: Any
) -> MLClient:
    """A client of the environment's workspace.

    Args:
        config: The environment (subscription, resource group, workspace).
        credential: Token credential; ``DefaultAzureCredential`` when omitted.
        **kwargs: Passed to ``MLClient`` (and on to the SDK's HTTP pipeline).

    Returns:
        The client. Constructing it sends no request; the first operation asks for a token.
    """
    return MLClient(
        credential or default_credential(),
        subscription_id=config.azure.subscription_id,
        resource_group_name=config.azure.resource_group,
        workspace_name=config.azure.workspace,
        **kwargs,
    )
    # --8<-- [end:workspace-client]


def registry_client(
    config: EnvironmentConfig, credential: TokenCredential | None = None, **kwargs: Any
) -> MLClient:
    """A client of the shared registry that carries models between environments.

    Args:
        config: Any environment (they share ``azure.registry``).
        credential: Token credential; ``DefaultAzureCredential`` when omitted.
        **kwargs: Passed to ``MLClient``.

    Returns:
        The client. Construction asks the registry's discovery service for its location.
    """
    return MLClient(
        credential or default_credential(), registry_name=config.azure.registry, **kwargs
    )
