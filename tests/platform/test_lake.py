"""The data lake in both infrastructure trees: ADLS Gen2, no shared key, credential-free datastores.

Parsed offline; nothing here proves that Azure accepts the deployment (no Bicep CLI, no
``terraform plan``). It proves the trees say what the data-sources page claims.
"""

from __future__ import annotations

from accelerator.guidance.rbac import ENVIRONMENTS, azure_roles_for
from tests.platform import checks
from tests.platform.test_structure import bicep, hcl

ZONES = ["raw", "curated", "predictions"]


def _bicep_resource(path: str, name: str) -> dict:
    return bicep(checks.BICEP / "modules" / path)["resources"][name]["config"]


def _tf_resource(kind: str, name: str) -> dict:
    for block in hcl(checks.TERRAFORM / "lake.tf")["resource"]:
        if kind in block and name in block[kind]:
            return block[kind][name]
    raise AssertionError(f"{kind}.{name} not in lake.tf")


def test_bicep_lake_is_adls_gen2_without_shared_key():
    props = _bicep_resource("lake.bicep", "lake")["properties"]
    assert props["isHnsEnabled"] is True
    assert props["allowSharedKeyAccess"] is False
    assert props["allowBlobPublicAccess"] is False
    params = bicep(checks.BICEP / "modules" / "lake.bicep")["parameters"]
    assert params["containers"]["default"] == ZONES


def test_terraform_lake_is_adls_gen2_without_shared_key():
    lake = _tf_resource("azurerm_storage_account", "lake")
    assert lake["is_hns_enabled"] is True
    assert lake["shared_access_key_enabled"] is False
    assert lake["allow_nested_items_to_be_public"] is False
    locals_ = hcl(checks.TERRAFORM / "lake.tf")["locals"][0]
    assert "raw" in locals_["lake_containers"] and "predictions" in locals_["lake_containers"]


def test_bicep_datastores_store_no_credential():
    loop = _bicep_resource("datastores.bicep", "datastores")
    assert loop["loop_type"]["detail"]["array_name"] == "containers"
    props = loop["config"]["properties"]
    assert props["datastoreType"] == "AzureDataLakeGen2"
    assert props["credentials"] == {"credentialsType": "None"}


def test_terraform_datastores_store_no_credential():
    store = _tf_resource("azurerm_machine_learning_datastore_datalake_gen2", "lake")
    assert not {"client_id", "client_secret", "tenant_id", "account_key"} & set(store)
    assert store["service_data_identity"] == "WorkspaceUserAssignedIdentity"


def test_both_trees_call_the_lake_and_its_datastores():
    main = (checks.BICEP / "main.bicep").read_text(encoding="utf-8")
    assert "'modules/lake.bicep'" in main and "'modules/datastores.bicep'" in main
    assert "lakeName: names.lake" in main


def test_training_reads_the_lake_and_scoring_writes_only_predictions():
    for env in ENVIRONMENTS:
        training = azure_roles_for("training-compute", env)
        assert ("Storage Blob Data Reader", "lake") in training
        assert not [r for r in training if r[1].startswith("lake") and "Reader" not in r[0]]
        scoring = azure_roles_for("endpoint-identity", env)
        assert ("Storage Blob Data Contributor", "lake-predictions") in scoring
        assert ("Storage Blob Data Contributor", "lake") not in scoring
