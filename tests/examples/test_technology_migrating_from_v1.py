"""Claims of docs/technology/migrating-from-v1.md: each v1 concept has a v2 entity the SDK takes."""

from __future__ import annotations

from pathlib import Path

import pytest
from azure.ai.ml.entities import PipelineComponent

from accelerator.guidance.v1_migration import migration_data
from examples.technology.migrating_from_v1 import v2_equivalents as v2

EXAMPLE = Path(v2.__file__)


@pytest.fixture
def src(tmp_path: Path) -> str:
    for script in ("prep.py", "train.py"):
        (tmp_path / script).write_text("print('stand-in')\n")
    return str(tmp_path)


def test_workspace_client_builds_offline_and_never_asks_for_a_token():
    client = v2.workspace_client()
    assert (client.workspace_name, client.resource_group_name) == ("mlw-motor-dev", "rg-mlops-dev")
    with pytest.raises(RuntimeError, match="never calls Azure"):
        client._credential.get_token("https://management.azure.com/.default")


def test_dataset_becomes_a_versioned_data_asset():
    asset = v2.policies_data_asset()._to_dict()
    assert (asset["name"], asset["version"], asset["type"]) == ("motor-policies", "3", "uri_file")
    assert asset["path"].startswith("azureml://datastores/lake/paths/")


def test_command_and_pipeline_jobs_pass_the_sdks_validation(src):
    assert v2.validation_errors(src) == {}
    job = v2.training_command_job(src)
    assert job.experiment_name == "motor-renewal"
    assert job._to_dict()["inputs"]["policies"]["path"] == "azureml:motor-policies:3"


def test_a_pipeline_without_compute_or_code_is_refused(tmp_path):
    job = v2.training_pipeline_job(str(tmp_path / "missing"))
    job.settings.default_compute = None
    errors = job._validate().error_messages
    assert any("compute" in key for key in errors)
    assert any(key.endswith("component.code") for key in errors)


def test_published_pipeline_becomes_a_pipeline_component_deployment():
    endpoint, deployment = v2.published_pipeline_replacement()
    assert isinstance(deployment.component, PipelineComponent)
    assert set(deployment.component.jobs) == {"cleaned", "trained"}
    assert deployment.endpoint_name == endpoint.name == "motor-renewal-scoring"
    assert deployment._to_dict()["type"] == "pipeline"


def test_web_services_become_online_endpoints():
    endpoint, blue = v2.web_service_replacement()
    assert endpoint._to_dict()["auth_mode"] == "key"
    assert (blue._to_dict()["instance_type"], blue.instance_count) == ("Standard_F8as_v6", 3)
    k8s, k8s_blue = v2.aks_web_service_replacement()
    assert k8s._to_dict()["compute"] == "azureml:aks-prod"
    assert k8s_blue._to_dict()["code_configuration"]["scoring_script"] == "score.py"


def test_dataset_monitor_becomes_a_model_monitor_on_the_deployment():
    monitor = v2.dataset_monitor_replacement()._to_dict()
    definition = monitor["create_monitor"]
    assert definition["monitoring_signals"]["drift"]["type"] == "data_drift"
    assert definition["monitoring_target"]["endpoint_deployment_id"] == (
        "azureml:motor-renewal:blue"
    )
    assert monitor["trigger"]["frequency"] == "day"


def test_main_prints_one_line_per_v1_concept(capsys):
    v2.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "jobs valid: True"
    assert len(lines) == 1 + len(migration_data().mappings)


def test_every_mapping_row_names_a_section_of_this_example():
    text = EXAMPLE.read_text()
    for row in migration_data().mappings:
        assert f"[start:{row.example}]" in text, row.v1
