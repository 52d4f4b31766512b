"""Promote one exact model version between environments through the shared registry.

``dev`` trains and registers models in its workspace. Promoting a version to ``test`` copies
that version into the Azure ML registry (same name, same version number) and records its
lineage there; ``test`` and ``prod`` deploy from the registry, never from another
workspace. Promoting to ``prod`` copies nothing: it requires the version to have been
promoted to ``test`` first and adds the ``prod`` record. The order dev → test → prod is
enforced, and versions are always explicit.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from azure.ai.ml import MLClient
from azure.ai.ml.constants import AssetTypes
from azure.ai.ml.entities import Model
from azure.core.exceptions import ResourceNotFoundError

from reference_impl.azureml.models import explicit_version
from reference_impl.azureml.names import TRAINING_ENV
from reference_impl.config import ENVIRONMENTS, EnvironmentConfig
from reference_impl.lineage import evidence_tags, require_gate_evidence

UNKNOWN_RUN = "<run id of the source version>"
"""Placeholder for the training run in a dry run (it is read from the workspace)."""


class PromotionError(ValueError):
    """The promotion breaks the order of environments or the version's history."""


def promoted_by() -> str:
    """Who promotes: the CI identity when there is one, else the local user.

    Returns:
        ``GITHUB_ACTOR`` (GitHub Actions), ``BUILD_REQUESTEDFOREMAIL`` (Azure DevOps), or the
        operating-system user name.
    """
    return (
        os.environ.get("GITHUB_ACTOR")
        or os.environ.get("BUILD_REQUESTEDFOREMAIL")
        or getpass.getuser()
    )


@dataclass(frozen=True)
class PromotionPlan:
    """What a promotion will do.

    Attributes:
        model_name: Registered model name.
        version: Explicit version.
        source: Environment the version comes from.
        target: Environment it is promoted to.
        copy: Whether the version is copied from the source workspace into the registry.
        tags: Lineage tags written on the registry version.
        steps: The plan in words.
    """

    model_name: str
    version: str
    source: EnvironmentConfig
    target: EnvironmentConfig
    copy: bool
    tags: dict[str, str] = field(default_factory=dict)
    steps: tuple[str, ...] = ()

    @property
    def registry_uri(self) -> str:
        """Reference of the version in the registry (what the target deploys)."""
        return (
            f"azureml://registries/{self.target.azure.registry}/models/"
            f"{self.model_name}/versions/{self.version}"
        )


# --8<-- [start:plan]
def promotion_plan(
    source: EnvironmentConfig,
    target: EnvironmentConfig,
    model_name: str,
    version: str,
    *,
    run_id: str = UNKNOWN_RUN,
    by: str | None = None,
    at: datetime | None = None,
) -> PromotionPlan:
    """Check the direction of a promotion and describe it.

    Args:
        source: Environment the version comes from.
        target: The next environment (``dev`` → ``test`` → ``prod``).
        model_name: Registered model name.
        version: Explicit version number.
        run_id: Training run that produced the version.
        by: Who promotes (default: :func:`promoted_by`).
        at: When (default: now, UTC).

    Returns:
        The plan, with the lineage tags to record.

    Raises:
        PromotionError: If ``target`` is not the environment right after ``source``.
        VersionError: If ``version`` is not an explicit number.
    """
    version = explicit_version(version)
    if ENVIRONMENTS.index(target.name) != ENVIRONMENTS.index(source.name) + 1:
        raise PromotionError(
            f"cannot promote from {source.name} to {target.name}: "
            f"promotions go {' -> '.join(ENVIRONMENTS)}, one environment at a time"
        )
    when = (at or datetime.now(UTC)).isoformat(timespec="seconds")
    tags = {
        f"promoted_to_{target.name}_by": by or promoted_by(),
        f"promoted_to_{target.name}_at": when,
    }
    copy = source.name == TRAINING_ENV
    registry = target.azure.registry
    if copy:
        tags = {
            "source_workspace": source.azure.workspace,
            "source_version": version,
            "run_id": run_id,
            **tags,
        }
        steps = (
            f"read {model_name}:{version} in workspace {source.azure.workspace}",
            f"copy it to registry {registry} as {model_name} version {version}",
        )
    else:
        steps = (
            f"check that registry {registry} holds {model_name}:{version} "
            f"and that it was promoted to {source.name}",
        )
    steps += (
        f"record lineage tags: {', '.join(sorted(tags))}",
        f"deploy in {target.name} from azureml://registries/{registry}/models/{model_name}/versions/{version}",
    )
    return PromotionPlan(model_name, version, source, target, copy, tags, steps)
    # --8<-- [end:plan]


def source_model(plan: PromotionPlan) -> Model:
    """The version as it will sit in the registry, with its lineage (for a dry run).

    Args:
        plan: A promotion plan.

    Returns:
        A ``Model`` whose ``path`` is the source (workspace version or registry version).
    """
    azure = plan.source.azure
    path = (
        f"azureml://subscriptions/{azure.subscription_id}/resourceGroups/{azure.resource_group}"
        f"/workspaces/{azure.workspace}/models/{plan.model_name}/versions/{plan.version}"
        if plan.copy
        else plan.registry_uri
    )
    return Model(
        name=plan.model_name,
        version=plan.version,
        type=AssetTypes.MLFLOW_MODEL,
        path=path,
        description=f"{plan.model_name} {plan.version} promoted to {plan.target.name}",
        tags=plan.tags,
    )


# --8<-- [start:promote]
def promote(
    workspace: MLClient | None,
    registry: MLClient,
    plan: PromotionPlan,
    *,
    log: Callable[[str], Any] = print,
) -> Model:
    """Carry out a promotion plan.

    Args:
        workspace: Client of the source workspace (needed when the plan copies).
        registry: Client of the shared registry.
        plan: The plan (its ``run_id`` tag is filled in from the source version).
        log: Receives one line per action.

    Returns:
        The registry version with its lineage tags.

    Raises:
        PromotionError: If the registry lacks the version, or it skipped an environment.
        GateRefused: If the gate rejected the version, or it lacks gate evidence or lineage
            (nothing is copied or tagged).
    """
    name, version = plan.model_name, plan.version
    tags = dict(plan.tags)
    if plan.copy:
        assert workspace is not None, "copying needs the source workspace"
        found = workspace.models.get(name=name, version=version)
        require_gate_evidence(name, version, found.tags)  # before anything is copied
        tags = {**evidence_tags(found.tags), **tags}
        tags["run_id"] = found.job_name or found.tags.get("mlflow.runId", UNKNOWN_RUN)
        try:
            registry.models.get(name=name, version=version)
            log(f"registry already holds {name}:{version}; not copying again")
        except ResourceNotFoundError:
            workspace.models.share(
                name=name,
                version=version,
                share_with_name=name,
                share_with_version=version,
                registry_name=plan.target.azure.registry,
            )
            log(f"copied {name}:{version} from {plan.source.azure.workspace} to the registry")
    model = registry.models.get(name=name, version=version)
    if not plan.copy:
        if f"promoted_to_{plan.source.name}_at" not in (model.tags or {}):
            raise PromotionError(
                f"{name}:{version} was never promoted to {plan.source.name}; promote it there first"
            )
        require_gate_evidence(name, version, model.tags)
    model.tags = {**(model.tags or {}), **tags}
    updated = registry.models.create_or_update(model)
    log(f"recorded lineage on {plan.registry_uri}")
    return updated
    # --8<-- [end:promote]
