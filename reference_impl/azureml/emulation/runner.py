"""Run the nodes of a pipeline job YAML in order, each as the command Azure ML would run.

For every node the runner does what the service does before a command job starts: it binds
each ``${{inputs.<name>}}`` to a literal value or to the folder an earlier node wrote, each
``${{outputs.<name>}}`` to a fresh folder, creates the node's MLflow run as a child of the
pipeline's run and hands its id to the job in ``MLFLOW_RUN_ID`` (with ``AZUREML_RUN_ID``),
adds the node's ``environment_variables``, and runs the command with the job environment's
``python`` first on ``PATH``, from the code snapshot.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reference_impl.azureml.emulation.job_environment import inherited_environment

_PORT = re.compile(r"\$\{\{(inputs|outputs)\.(\w+)\}\}")
_BINDING = re.compile(
    r"^\$\{\{parent\.(?:inputs\.(?P<input>\w+)|jobs\.(?P<job>\w+)\.outputs\.(?P<port>\w+))\}\}$"
)


@dataclass
class PipelineRun:
    """What an emulated pipeline run did.

    Attributes:
        run_id: The pipeline's MLflow run.
        outputs: Output folder of every finished node, by ``<node>.<port>``.
        failed_node: The node that failed, if any.
        exit_code: Its exit code (``0`` when every node finished).
    """

    run_id: str
    outputs: dict[str, Path] = field(default_factory=dict)
    failed_node: str | None = None
    exit_code: int = 0


def bind(value: Any, pipeline_inputs: Mapping[str, str], outputs: Mapping[str, Path]) -> str:
    """The value a node's input takes: a literal, a pipeline input or an earlier node's output.

    Args:
        value: The node's input in the job YAML (a literal, or ``{"path": "${{parent...}}"}``).
        pipeline_inputs: Local paths of the pipeline's own inputs.
        outputs: Folders of the nodes that already ran, by ``<node>.<port>``.

    Returns:
        The text that replaces ``${{inputs.<name>}}``.
    """
    if not isinstance(value, Mapping):
        return str(value)
    match = _BINDING.match(str(value.get("path", "")))
    if not match:
        return str(value["path"])
    if match["input"]:
        return pipeline_inputs[match["input"]]
    return str(outputs[f"{match['job']}.{match['port']}"])


def render(command: str, inputs: Mapping[str, str], outputs: Mapping[str, Path]) -> str:
    """Fill the component's placeholders the way Azure ML renders the command line.

    Args:
        command: The component's command with ``${{inputs.x}}`` and ``${{outputs.y}}``.
        inputs: The bound inputs.
        outputs: The output folders.

    Returns:
        A shell command.
    """

    def value(match: re.Match[str]) -> str:
        kind, name = match[1], match[2]
        return shlex.quote(str(inputs[name] if kind == "inputs" else outputs[name]))

    return _PORT.sub(value, " ".join(command.split()))


# --8<-- [start:run-pipeline]
def run_pipeline(
    job: Mapping[str, Any],
    *,
    python: Path,
    code: Path,
    tracking_uri: str,
    out: Path,
    log: Callable[[str], None] = print,
) -> PipelineRun:
    """Run every node of ``job`` in order; stop at the first that fails.

    Args:
        job: The pipeline job as its YAML (``pipeline_job.yml``) holds it.
        python: The job environment's interpreter.
        code: The code snapshot the components name as ``code``.
        tracking_uri: The tracking service the jobs log to.
        out: Folder of the nodes' outputs.
        log: Where progress lines go.

    Returns:
        The pipeline run.
    """
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri)
    name = job["experiment_name"]
    experiment = client.get_experiment_by_name(name)
    experiment_id = experiment.experiment_id if experiment else client.create_experiment(name)
    parent = client.create_run(experiment_id, run_name=job["display_name"])
    result = PipelineRun(parent.info.run_id)
    pipeline_inputs = {key: str(spec["path"]) for key, spec in job["inputs"].items()}
    nodes = list(job["jobs"].items())
    for number, (node_name, node) in enumerate(nodes, 1):
        component = node["component"]
        tags = {"mlflow.parentRunId": result.run_id}
        child = client.create_run(experiment_id, run_name=node_name, tags=tags).info.run_id
        inputs = {k: bind(v, pipeline_inputs, result.outputs) for k, v in node["inputs"].items()}
        outputs = {port: out / result.run_id / node_name / port for port in component["outputs"]}
        for folder in outputs.values():
            folder.mkdir(parents=True, exist_ok=True)
        command = render(component["command"], inputs, outputs)
        log(f"[{number}/{len(nodes)}] {node_name}: {command}")
        env = inherited_environment()
        env |= {str(k): str(v) for k, v in (node.get("environment_variables") or {}).items()}
        env |= {
            "PATH": f"{python.parent}{os.pathsep}{env.get('PATH', '')}",
            "MLFLOW_TRACKING_URI": tracking_uri,
            "MLFLOW_REGISTRY_URI": tracking_uri,
            "MLFLOW_EXPERIMENT_ID": experiment_id,
            "MLFLOW_RUN_ID": child,
            "AZUREML_RUN_ID": child,
        }
        done = subprocess.run(command, shell=True, cwd=code, env=env, check=False)
        client.set_terminated(child, "FINISHED" if done.returncode == 0 else "FAILED")
        if done.returncode != 0:
            result.failed_node, result.exit_code = node_name, done.returncode
            client.set_terminated(result.run_id, "FAILED")
            return result
        result.outputs |= {f"{node_name}.{port}": path for port, path in outputs.items()}
    client.set_terminated(result.run_id, "FINISHED")
    return result
    # --8<-- [end:run-pipeline]
