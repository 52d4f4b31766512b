"""The job environment comes from the lock; the code snapshot holds what the steps run."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from azure.ai.ml import load_environment

from reference_impl.azureml.environment import (
    AZUREML_ONLY,
    OVERRIDES,
    PYTHON_VERSION,
    RUNTIME_DISTRIBUTIONS,
    content_version,
    pip_requirements,
    runtime_environment,
)
from reference_impl.azureml.snapshot import (
    BATCH_DRIVER,
    EXCLUDED,
    SCORE_SCRIPT,
    stage_snapshot,
)
from reference_impl.azureml.yaml_files import write_entity
from reference_impl.config.deployments import deployments
from reference_impl.config.project import load_project
from reference_impl.data import TRAINING_DATA
from tests.reference_impl.azureml.conftest import ROOT
from tests.reference_impl.identity import RUNTIME

PROJECT = load_project()


def locked_versions() -> dict[str, str]:
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    versions: dict[str, str] = {}
    for package in lock["package"]:
        marker = str(package.get("resolution-markers", ""))
        if package["name"] not in versions or "3.12" not in marker:
            versions.setdefault(package["name"], package["version"])
    return versions


def test_pins_are_the_locked_versions_except_the_documented_overrides() -> None:
    lock = locked_versions()
    pins = dict(item.split("==") for item in pip_requirements())
    for name in RUNTIME_DISTRIBUTIONS:
        expected = OVERRIDES[name][0] if name in OVERRIDES else lock[name]
        assert pins[name] == expected, name
    differing = {name for name in RUNTIME_DISTRIBUTIONS if pins[name] != lock[name]}
    assert differing == set(OVERRIDES), "every difference from uv.lock needs a reason in OVERRIDES"
    assert all(reason for _, reason in OVERRIDES.values())
    assert pip_requirements()[-len(AZUREML_ONLY) :] == list(AZUREML_ONLY)


def test_python_version_is_the_lowest_the_project_supports() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"].startswith(f">={PYTHON_VERSION}")
    assert f"{sys.version_info.major}.{sys.version_info.minor}" >= PYTHON_VERSION


def test_every_imported_third_party_package_is_pinned() -> None:
    imports: set[str] = set()
    for folder in (
        "steps",
        "modeling",
        "monitoring",
        "validation",
        "scoring",
        "pipeline",
        "config",
    ):
        for path in (ROOT / "reference_impl" / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Import):
                    imports |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    imports.add(node.module.split(".")[0])
    third_party = imports - set(sys.stdlib_module_names) - {"reference_impl", "__future__"}
    distribution = {
        "sklearn": "scikit-learn",
        "yaml": "pyyaml",
        "azureml_inference_server_http": "azureml-inference-server-http",
        "azureml": "azureml-ai-monitoring",  # the azureml.ai.monitoring namespace package
    }
    assert {distribution.get(name, name) for name in third_party} <= set(RUNTIME_DISTRIBUTIONS)


def test_environment_version_follows_its_content(tmp_path: Path) -> None:
    environment = runtime_environment()
    assert re.fullmatch(r"[0-9a-f]{12}", environment.version)
    assert environment.version == runtime_environment().version
    spec = environment.conda_file
    assert content_version(environment.image, spec) == environment.version
    changed = {**spec, "dependencies": [*spec["dependencies"][:-1], {"pip": ["mlflow==9"]}]}
    assert content_version(environment.image, changed) != environment.version
    loaded = load_environment(write_entity(tmp_path / "environment.yml", environment, command="x"))
    assert (loaded.name, loaded.version, loaded.image) == (
        RUNTIME,
        environment.version,
        environment.image,
    )
    assert loaded.conda_file == spec


def test_snapshot_holds_the_package_without_what_jobs_never_run(tmp_path: Path) -> None:
    root = stage_snapshot(tmp_path)
    package = root / "reference_impl"
    assert (package / "steps" / "train.py").is_file()
    assert (package / "pipeline" / "graph.py").is_file()
    scoring = {"online": SCORE_SCRIPT, "batch": BATCH_DRIVER}
    assert all((root / scoring[kind]).is_file() for kind in deployments())
    for name in ("infra", "cicd", "guidance", "azureml"):
        assert name in EXCLUDED and not (package / name).exists()
    assert not list(package.rglob("__pycache__")) and not list(package.rglob("*.pyc"))
    (package / "stale.txt").write_text("old")
    stage_snapshot(tmp_path)
    assert not (package / "stale.txt").exists(), "a new snapshot replaces the old one"


def test_a_step_runs_from_the_snapshot_alone(tmp_path: Path) -> None:
    """What Azure ML does: the snapshot is the working directory, the command is the step's."""
    root = stage_snapshot(tmp_path / "code")
    out = tmp_path / "validated"
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "COVERAGE_PROCESS_START"}}
    done = subprocess.run(
        [
            sys.executable, "-c",
            "import runpy, sys, reference_impl; print(reference_impl.__file__, file=sys.stderr);"
            "sys.argv = sys.argv[1:];"
            "runpy.run_module('reference_impl.steps.validate', run_name='__main__')",
            "validate", "--raw_data", str(TRAINING_DATA), "--min_rows", "10",
                "--contract", "contract.yaml",  # read from the snapshot's config folder
                "--data_version", "latest",
            "--validated_data", str(out),
        ],
        cwd=root, env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[0].startswith(str(root)), (
        "imported the repository, not the snapshot"
    )
    assert (out / "data.parquet").is_file()
    assert json.loads((out / "contract.json").read_text())["label"] == "cancelled"
