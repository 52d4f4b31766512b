"""Train on Azure ML: build the pipeline job, write it (dry run) or submit it.

Submitting creates the environment version if needed, makes sure the cluster exists, uploads
the code snapshot and the training data (unless they are already Azure ML assets) and
returns the job's name at once; streaming the logs is optional.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from azure.ai.ml import Input, MLClient
from azure.ai.ml.entities import CommandComponent, Environment, PipelineJob

from reference_impl.azureml.components import pipeline_components
from reference_impl.azureml.compute import ensure_cluster, training_cluster
from reference_impl.azureml.data_inputs import LAKE_DATASTORES, classify
from reference_impl.azureml.environment import environment_reference, runtime_environment
from reference_impl.azureml.names import EXPERIMENT_NAME
from reference_impl.azureml.pipeline import build_pipeline_job, validation_errors
from reference_impl.azureml.yaml_files import pipeline_job_dict, write_entity, write_yaml
from reference_impl.config import EnvironmentConfig
from reference_impl.lineage import LINEAGE_ENV, git_commit
from reference_impl.pipeline.graph import TRAINING_PIPELINE

COMMAND = "train --target azureml"


class InvalidPipelineError(ValueError):
    """The SDK's offline validation rejected the pipeline job."""


@dataclass(frozen=True)
class TrainingPlan:
    """Everything one Azure ML training run needs.

    Attributes:
        config: The environment.
        environment: The runtime environment (created before the job).
        components: A component per step.
        job: The pipeline job.
    """

    config: EnvironmentConfig
    environment: Environment
    components: dict[str, CommandComponent]
    job: PipelineJob


def data_input(data: str | Path, datastores: tuple[str, ...] = LAKE_DATASTORES) -> Input:
    """The pipeline's ``raw_data`` input.

    Args:
        data: A datastore or ``abfss://`` URI, ``azureml:<name>:<version>`` of a registered
            data asset, or a local file or folder (the SDK uploads it at submission); see
            :func:`reference_impl.azureml.data_inputs.classify`.
        datastores: The workspace's own datastores a URI may name (``data.datastores``).

    Returns:
        A ``uri_file``, ``uri_folder`` or ``mltable`` input; URIs are kept as given.

    Raises:
        DataInputError: For an unknown datastore or an unsupported URI scheme.
    """
    bound = classify(data, datastores=datastores)
    return Input(type=bound.type, path=bound.path)


def job_name(config: EnvironmentConfig, now: datetime | None = None) -> str:
    """A readable, unique job name: pipeline, environment, UTC time, random suffix.

    Args:
        config: The environment.
        now: The time to use (defaults to now).

    Returns:
        ``<pipeline>-<env>-<UTC time>-<random>``, e.g.
        ``fraud-training-dev-20250101-120000-1a2b3c``.
    """
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    return f"{TRAINING_PIPELINE.name}-{config.name}-{stamp}-{uuid.uuid4().hex[:6]}"


# --8<-- [start:training-plan]
def training_plan(config: EnvironmentConfig, *, code: str | Path, data: str | Path) -> TrainingPlan:
    """Build and validate the components and pipeline job of an environment.

    Args:
        config: The environment.
        code: The code snapshot folder, or the ARM id of an uploaded code asset.
        data: The training data (see :func:`data_input`).

    Returns:
        The plan.

    Raises:
        InvalidPipelineError: If the SDK's validation finds a problem.
    """
    environment = runtime_environment()
    components = pipeline_components(code=code, environment=environment_reference(environment))
    raw_data = data_input(data, config.data.datastores)
    components["validate"].inputs["raw_data"].type = raw_data.type  # file, folder or MLTable
    job = build_pipeline_job(config, components, {"raw_data": raw_data})
    errors = validation_errors(job)
    if errors:
        raise InvalidPipelineError("; ".join(f"{path}: {msg}" for path, msg in errors.items()))
    return TrainingPlan(config, environment, components, job)
    # --8<-- [end:training-plan]


def write_training(plan: TrainingPlan, out: Path) -> list[Path]:
    """Write the plan as YAML files (the dry run).

    Args:
        plan: A training plan.
        out: Output folder.

    Returns:
        ``pipeline_job.yml``, ``environment.yml``, ``compute.yml`` and one
        ``components/<step>.yml`` per step.
    """
    files = [
        write_yaml(out / "pipeline_job.yml", pipeline_job_dict(plan.job), command=COMMAND),
        write_entity(out / "environment.yml", plan.environment, command=COMMAND),
        write_entity(out / "compute.yml", training_cluster(plan.config), command=COMMAND),
    ]
    files += [
        write_entity(out / "components" / f"{name}.yml", component, command=COMMAND)
        for name, component in plan.components.items()
    ]
    return files


def stamp_lineage(job: PipelineJob) -> dict[str, str]:
    """Tell every step the commit, pipeline job and data it runs with.

    ``register`` turns these variables into the version's lineage tags
    (:func:`reference_impl.lineage.lineage_tags`).

    Args:
        job: A named pipeline job.

    Returns:
        The environment variables set on each node.
    """
    env = {
        LINEAGE_ENV["git_commit"]: git_commit(),
        LINEAGE_ENV["pipeline_run"]: str(job.name),
        LINEAGE_ENV["data"]: str(job.inputs["raw_data"].path),
    }
    for node in job.jobs.values():
        node.environment_variables = {**(node.environment_variables or {}), **env}
    return env


# --8<-- [start:submit]
def submit_training(
    ml_client: MLClient, plan: TrainingPlan, *, name: str | None = None
) -> PipelineJob:
    """Create the environment version and the cluster if needed, then submit the job.

    Args:
        ml_client: Client of the environment's workspace.
        plan: A validated training plan.
        name: Job name (default: :func:`job_name`).

    Returns:
        The submitted job as Azure ML returned it (``name``, ``status``, ``studio_url``).
    """
    ml_client.environments.create_or_update(plan.environment)
    ensure_cluster(ml_client, plan.config)
    plan.job.name = name or job_name(plan.config)
    stamp_lineage(plan.job)
    return ml_client.jobs.create_or_update(plan.job, experiment_name=EXPERIMENT_NAME)
    # --8<-- [end:submit]


def job_summary(ml_client: MLClient, name: str) -> list[str]:
    """Describe a pipeline job and its steps.

    Args:
        ml_client: Client of the workspace that runs the job.
        name: Job name.

    Returns:
        One line for the job (status, studio link), then one per step.
    """
    job = ml_client.jobs.get(name)
    lines = [f"{job.name}: {_text(job.status)}", f"  studio: {job.studio_url}"]
    for child in ml_client.jobs.list(parent_job_name=name):
        lines.append(f"  {child.display_name or child.name}: {_text(child.status)}")
    return lines


def _text(status: object) -> str:
    return str(getattr(status, "value", status))
