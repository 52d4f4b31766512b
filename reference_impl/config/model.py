"""Typed shape of an environment's configuration file."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    """Base model that rejects unknown keys, so a typo in YAML is an error, not a silent default."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class AzureWorkspace(_Strict):
    """Where the environment lives in Azure.

    Attributes:
        subscription_id: Azure subscription GUID.
        resource_group: Resource group holding the workspace.
        workspace: Azure ML workspace name.
        location: Azure region, e.g. ``westeurope``.
        registry: Shared Azure ML registry used to promote models between environments.
    """

    subscription_id: str = Field(pattern=r"^[0-9a-fA-F-]{36}$")
    resource_group: str = Field(min_length=1, max_length=90)
    workspace: str = Field(pattern=r"^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$")
    location: str = Field(min_length=2)
    registry: str = Field(min_length=3)


class ComputeSpec(_Strict):
    """An Azure ML compute cluster that scales to zero when idle.

    Attributes:
        name: Compute target name in the workspace.
        size: VM size (SKU), e.g. ``Standard_DS3_v2``.
        min_instances: Nodes kept warm; ``0`` means pay nothing while idle.
        max_instances: Upper bound of the autoscaler.
        idle_seconds: Seconds before an idle node is released.
    """

    name: str = Field(min_length=2, max_length=24)
    size: str = Field(pattern=r"^Standard_[A-Za-z0-9_]+$")
    min_instances: int = Field(default=0, ge=0)
    max_instances: int = Field(default=2, ge=1)
    idle_seconds: int = Field(default=900, ge=60)


class EnvironmentConfig(_Strict):
    """Everything that differs between ``dev``, ``test`` and ``prod``.

    Attributes:
        name: The environment this file describes.
        azure: Workspace coordinates.
        compute: Training cluster.
    """

    name: Literal["dev", "test", "prod"]
    azure: AzureWorkspace
    compute: ComputeSpec
