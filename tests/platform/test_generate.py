"""The role-assignment files are generated from the RBAC data, and are current."""

from __future__ import annotations

import json
import uuid

import pytest

from accelerator.guidance.rbac import ENVIRONMENTS, READ_ONLY_ROLES, assignments, rbac_data
from accelerator.infra import generate


def test_committed_files_are_what_the_generator_writes_today():
    stale = generate.stale_files()
    assert stale == [], "run: python -m accelerator.infra.generate (and commit the result)"


def test_every_row_of_the_rbac_data_becomes_one_generated_row():
    document = generate.rbac_document()
    for env in ENVIRONMENTS:
        generated = [
            (g["principal"], g["azure_role"], g["scope"]) for g in document["assignments"][env]
        ]
        data = [(a.role, a.azure_role, a.scope) for a in assignments() if a.environment == env]
        assert generated == data


def test_role_definition_ids_are_the_built_in_guids_or_the_custom_role_guid():
    document = generate.rbac_document()
    custom = {c["name"]: c["id"] for c in document["custom_roles"]}
    for rows in document["assignments"].values():
        for row in rows:
            expected = generate.BUILT_IN_ROLES.get(row["azure_role"]) or custom[row["azure_role"]]
            assert row["role_definition_id"] == expected
            uuid.UUID(row["role_definition_id"])


def test_custom_role_ids_are_stable_and_distinct():
    assert generate.custom_role_id("MLOps Registry Reader") == generate.custom_role_id(
        "MLOps Registry Reader"
    )
    assert generate.custom_role_id("a") != generate.custom_role_id("b")
    assert generate.custom_role_id("a") not in generate.BUILT_IN_ROLES.values()


def test_an_azure_role_without_a_known_guid_is_an_error_not_a_silent_gap():
    with pytest.raises(KeyError, match="BUILT_IN_ROLES"):
        generate.role_definition_id("Owner")


def test_people_get_groups_and_workload_identities_are_service_principals():
    assert generate.principal_type("data-scientist") == "Group"
    assert generate.principal_type("ci-deployer") == "ServicePrincipal"
    document = generate.rbac_document()
    identity_ids = {i.id for i in rbac_data().identities}
    assert set(document["groups"]).isdisjoint(identity_ids)
    assert all(value == "" for value in document["groups"].values())
    assert [i["id"] for i in document["identities"] if i["federated"]] == [
        generate.FEDERATED_IDENTITY
    ]


def test_data_scientists_contribute_in_dev_and_only_read_in_test_and_prod():
    rows = generate.rbac_document()["assignments"]
    dev = {r["azure_role"] for r in rows["dev"] if r["principal"] == "data-scientist"}
    assert dev - READ_ONLY_ROLES, "data scientists need a role that can change things in dev"
    for env in ("test", "prod"):
        held = {r["azure_role"] for r in rows[env] if r["principal"] == "data-scientist"}
        assert held and held <= READ_ONLY_ROLES


def test_nobody_is_granted_owner_or_user_access_administrator():
    rows = [r for env in generate.rbac_document()["assignments"].values() for r in env]
    assert not {r["azure_role"] for r in rows} & {"Owner", "User Access Administrator"}


def test_main_writes_then_check_passes_and_a_stale_file_fails(tmp_path, capsys):
    assert generate.main(["--check", "--root", str(tmp_path)]) == 1
    assert "stale:" in capsys.readouterr().err
    assert generate.main(["--root", str(tmp_path)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert generate.main(["--check", "--root", str(tmp_path)]) == 0
    bicep = tmp_path / "infra" / "bicep" / "rbac.json"
    tfvars = tmp_path / "infra" / "terraform" / "rbac.auto.tfvars.json"
    assert (tmp_path / "cicd" / "gates" / "gates.auto.tfvars.json").is_file()
    assert json.loads(tfvars.read_text())["rbac"] == json.loads(bicep.read_text())
    bicep.write_text("{}")
    assert generate.stale_files(tmp_path) == [bicep]


def test_each_identity_row_points_at_its_identity_by_position():
    document = generate.rbac_document()
    for rows in document["assignments"].values():
        for row in rows:
            if row["principal_type"] == "Group":
                assert row["identity_index"] is None
            else:
                assert document["identities"][row["identity_index"]]["id"] == row["principal"]
