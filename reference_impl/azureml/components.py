"""One Azure ML command component per step of the training graph.

A component is generated from a :class:`~reference_impl.pipeline.graph.Step`: its command is
``step.command()`` (the same ``python -m reference_impl.steps.<name>`` the local runner
calls), its inputs and outputs are the step's ports and parameters with their types.
Nothing about a step is written twice.
"""

from __future__ import annotations

from pathlib import Path

from azure.ai.ml import Input, Output
from azure.ai.ml.entities import CommandComponent

from reference_impl.azureml.names import component_name
from reference_impl.pipeline.graph import TRAINING_PIPELINE, Pipeline, Step

COMPONENT_VERSION = "1"
"""Version of the generated components (inline in the pipeline, so Azure ML hashes them)."""


# --8<-- [start:component]
def step_component(step: Step, *, code: str | Path, environment: str) -> CommandComponent:
    """The command component of one step.

    Args:
        step: A step of the graph.
        code: The code snapshot folder (or the ARM id of an uploaded code asset).
        environment: Environment reference, ``azureml:<name>:<version>``.

    Returns:
        A ``CommandComponent`` whose command, inputs and outputs come from ``step``.
    """
    inputs = {
        port.name: Input(type=port.type, description=port.description) for port in step.inputs
    }
    inputs |= {p.name: Input(type=p.type, description=p.description) for p in step.params}
    outputs = {
        port.name: Output(type=port.type, description=port.description) for port in step.outputs
    }
    return CommandComponent(
        name=component_name(step.name),
        version=COMPONENT_VERSION,
        display_name=step.name,
        description=step.description,
        command=step.command(),
        code=str(code),
        environment=environment,
        inputs=inputs,
        outputs=outputs,
    )
    # --8<-- [end:component]


def pipeline_components(
    *, code: str | Path, environment: str, pipeline: Pipeline = TRAINING_PIPELINE
) -> dict[str, CommandComponent]:
    """Components of every step, in the graph's order.

    Args:
        code: The code snapshot folder (or the ARM id of an uploaded code asset).
        environment: Environment reference.
        pipeline: The graph.

    Returns:
        ``{step name: component}``.
    """
    return {
        step.name: step_component(step, code=code, environment=environment)
        for step in pipeline.steps
    }
