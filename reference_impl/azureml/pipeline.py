"""The Azure ML pipeline job, translated from the training graph port by port.

Each step becomes a node running its component. A port's ``source`` in the graph becomes an
Azure ML binding: ``pipeline.raw_data`` is ``${{parent.inputs.raw_data}}`` and
``train.model`` is ``${{parent.jobs.train.outputs.model}}``. Parameters get the values the
local runner passes (:meth:`~reference_impl.pipeline.graph.Pipeline.param_values`), so a
local run and an Azure ML run of one environment execute the same graph with the same
settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from azure.ai.ml import Input
from azure.ai.ml.entities import CommandComponent, PipelineJob

from reference_impl.azureml.names import EXPERIMENT_NAME
from reference_impl.config import EnvironmentConfig
from reference_impl.pipeline.graph import PIPELINE_SOURCE, TRAINING_PIPELINE, Pipeline


def binding(source: str) -> str:
    """The Azure ML binding of a port's ``source``.

    Args:
        source: ``pipeline.<input>`` or ``<step>.<output>``.

    Returns:
        ``${{parent.inputs.<input>}}`` or ``${{parent.jobs.<step>.outputs.<output>}}``.
    """
    owner, port = source.split(".")
    if owner == PIPELINE_SOURCE:
        return f"${{{{parent.inputs.{port}}}}}"
    return f"${{{{parent.jobs.{owner}.outputs.{port}}}}}"


# --8<-- [start:build-pipeline]
def build_pipeline_job(
    config: EnvironmentConfig,
    components: Mapping[str, CommandComponent],
    inputs: Mapping[str, Input],
    *,
    pipeline: Pipeline = TRAINING_PIPELINE,
) -> PipelineJob:
    """Build the pipeline job of an environment by walking the graph.

    Args:
        config: The environment (parameter values and compute).
        components: A component per step name (:func:`~.components.pipeline_components`).
        inputs: A value for every pipeline input, e.g. ``{"raw_data": Input(...)}``.
        pipeline: The graph.

    Returns:
        A ``PipelineJob`` with one node per step, named after the step, in the graph's order.
    """
    values = pipeline.param_values(config)
    jobs: dict[str, Any] = {}
    for step in pipeline.steps:
        ports = {port.name: binding(port.source) for port in step.inputs}
        node = components[step.name](**ports, **values[step.name])
        node.name = step.name
        node.display_name = step.name
        jobs[step.name] = node
    return PipelineJob(
        display_name=pipeline.name,
        description=f"{pipeline.name} in the {config.name} environment",
        experiment_name=EXPERIMENT_NAME,
        compute=config.compute.name,
        inputs={item.name: inputs[item.name] for item in pipeline.inputs},
        jobs=jobs,
        tags={"environment": config.name},
    )
    # --8<-- [end:build-pipeline]


def validation_errors(job: PipelineJob) -> dict[str, str]:
    """Validate a pipeline job offline with the SDK's own rules.

    Args:
        job: A pipeline job.

    Returns:
        ``{path: message}`` of every problem (missing inputs, unknown compute, broken
        bindings); empty when the job is valid.
    """
    result = job._validate()
    return {} if result.passed else dict(result.error_messages)
