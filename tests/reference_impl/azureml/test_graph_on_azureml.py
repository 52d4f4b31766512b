"""One graph: the Azure ML pipeline and the local runner run the same steps, wired the same way."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest
from azure.ai.ml import Input, load_component

from reference_impl.azureml.components import pipeline_components, step_component
from reference_impl.azureml.pipeline import binding, build_pipeline_job, validation_errors
from reference_impl.config import load_config
from reference_impl.config.project import load_project
from reference_impl.pipeline.graph import TRAINING_PIPELINE
from reference_impl.pipeline.local import run_local
from reference_impl.workdir import Workdir
from tests.reference_impl.identity import ASSET, PREFIX, RUNTIME

PROJECT = load_project()

ENV_REF = f"azureml:{RUNTIME}:0123456789ab"
_BINDING = re.compile(r"^\$\{\{parent\.(inputs\.(\w+)|jobs\.(\w+)\.outputs\.(\w+))\}\}$")


def azure_job(env: str, tmp_path: Path):
    components = pipeline_components(code=tmp_path, environment=ENV_REF)
    data = Input(type="uri_file", path=f"azureml:{ASSET}:1")
    return build_pipeline_job(load_config(env), components, {"raw_data": data})


def local_calls(
    env: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> list[tuple[str, list[str]]]:
    """Run the real local runner with steps that only record the arguments they get."""
    calls: list[tuple[str, list[str]]] = []
    for step in TRAINING_PIPELINE.steps:
        module = types.ModuleType(step.module)

        def main(argv: list[str], name: str = step.name) -> int:
            calls.append((name, list(argv)))
            return 0

        module.main = main
        monkeypatch.setitem(sys.modules, step.module, module)
    csv = tmp_path / "raw.csv"
    csv.write_text("id\n")
    run_local(load_config(env), csv, Workdir.at(tmp_path / "work"), log=lambda line: None)
    return calls


def azure_wiring(job) -> list[tuple[str, dict[str, str], dict[str, str]]]:
    """Per node, in order: where each port reads from, and each literal parameter value."""
    nodes = []
    for name, node in job.jobs.items():
        ports, params = {}, {}
        for key, value in node._to_dict()["inputs"].items():
            raw = value["path"] if isinstance(value, dict) else value
            match = _BINDING.match(str(raw))
            if match and match.group(2):
                ports[key] = f"pipeline.{match.group(2)}"
            elif match:
                ports[key] = f"{match.group(3)}.{match.group(4)}"
            else:
                params[key] = str(raw)
        nodes.append((name, ports, params))
    return nodes


def local_wiring(
    calls: list[tuple[str, list[str]]], raw: Path
) -> list[tuple[str, dict[str, str], dict[str, str]]]:
    """The same view of the local run: a port is wired to the step output whose folder it gets."""
    produced = {str(raw.resolve()): "pipeline.raw_data"}
    nodes = []
    for name, argv in calls:
        step = TRAINING_PIPELINE.step(name)
        flags = dict(zip(argv[::2], argv[1::2], strict=True))
        for port in step.outputs:
            produced[flags[f"--{port.name}"]] = f"{name}.{port.name}"
        ports = {p.name: produced[flags[f"--{p.name}"]] for p in step.inputs}
        params = {p.name: flags[f"--{p.name}"] for p in step.params}
        nodes.append((name, ports, params))
    return nodes


@pytest.mark.parametrize("env", ["dev", "prod"])
def test_local_runner_and_azure_pipeline_agree(
    env: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = local_calls(env, tmp_path, monkeypatch)
    job = azure_job(env, tmp_path)
    local = local_wiring(calls, tmp_path / "raw.csv")
    remote = azure_wiring(job)
    # Same steps in the same order, every port fed by the same producer, same parameter values.
    assert (
        [n for n, _, _ in remote]
        == [n for n, _, _ in local]
        == [s.name for s in TRAINING_PIPELINE.steps]
    )
    assert remote == local
    # Each Azure ML node runs the command line the local runner's arguments fill in.
    for (name, argv), node in zip(calls, job.jobs.values(), strict=True):
        command = node.component.command
        assert command == TRAINING_PIPELINE.step(name).command()
        assert set(re.findall(r"--(\w+) ", command)) == {flag[2:] for flag in argv[::2]}
    # Parameters differ between environments exactly as the configuration says.
    if env == "prod":
        assert dict(remote[0][2]) == {
            "min_rows": "5000", "contract": "contract.yaml", "data_version": "latest"
        }  # fmt: skip


def test_azure_dag_order_is_a_valid_execution_order(tmp_path: Path) -> None:
    job = azure_job("dev", tmp_path)
    seen = {"pipeline"}
    for name, ports, _ in azure_wiring(job):
        assert {source.split(".")[0] for source in ports.values()} <= seen
        seen.add(name)


def test_pipeline_job_passes_the_sdk_validation(tmp_path: Path) -> None:
    job = azure_job("dev", tmp_path)
    result = job._validate()
    assert result.passed, result.error_messages
    assert validation_errors(job) == {}
    assert job.compute == "cpu-cluster-dev"
    assert job.settings.default_compute is None or job.settings.default_compute == "cpu-cluster-dev"


def test_validation_reports_a_broken_pipeline(tmp_path: Path) -> None:
    job = azure_job("dev", tmp_path)
    job.compute = None
    job.jobs["validate"].inputs.min_rows = None
    errors = validation_errors(job)
    assert errors["jobs.validate.inputs.min_rows"].startswith("Required input 'min_rows'")
    assert errors["jobs.train.compute"] == "Compute not set"


def test_bindings_follow_the_graph() -> None:
    assert binding("pipeline.raw_data") == "${{parent.inputs.raw_data}}"
    assert binding("train.model") == "${{parent.jobs.train.outputs.model}}"


def test_every_component_is_generated_from_its_step(tmp_path: Path) -> None:
    for step in TRAINING_PIPELINE.steps:
        component = step_component(step, code=tmp_path, environment=ENV_REF)
        assert component.name == f"{PREFIX}{step.name}"
        assert component.command == step.command()
        assert {k: v.type for k, v in component.inputs.items()} == {
            **{p.name: p.type for p in step.inputs},
            **{p.name: p.type for p in step.params},
        }
        assert {k: v.type for k, v in component.outputs.items()} == {
            p.name: p.type for p in step.outputs
        }
        assert component._validate().passed
        path = tmp_path / f"{step.name}.yml"
        component.dump(path)
        loaded = load_component(path)
        assert loaded.command == step.command()
        assert f"azureml:{loaded.environment}" == ENV_REF  # the loader strips the prefix
