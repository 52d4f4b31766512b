import pytest

from accelerator.guidance.rbac import (
    ENVIRONMENTS,
    READ_ONLY_ROLES,
    assignments,
    azure_roles_for,
    can_change,
    identities_table,
    principal_ids,
    principal_name,
    rbac_data,
    rbac_table,
)
from accelerator.guidance.roles import role_ids
from tests.accelerator.helpers import table_rows

# Real Azure built-in role names that make sense around Azure ML. Kept here, not in the
# data, so that a typo or an invented role name in the data fails this test.
AZURE_BUILT_IN_ROLES = {
    "AzureML Data Scientist",
    "AzureML Compute Operator",
    "AzureML Registry User",
    "Reader",
    "Contributor",
    "AcrPull",
    "Storage Blob Data Reader",
    "Storage Blob Data Contributor",
    "Key Vault Secrets User",
    "Monitoring Reader",
}
READ_ONLY_BUILT_INS = {
    "Reader",
    "AcrPull",
    "Storage Blob Data Reader",
    "Key Vault Secrets User",
    "Monitoring Reader",
}


def custom_roles():
    return {c.name: c for c in rbac_data().custom_roles}


def test_every_azure_role_is_a_real_built_in_or_a_defined_read_only_custom_role():
    for a in assignments():
        if a.azure_role in custom_roles():
            actions = custom_roles()[a.azure_role].actions
            assert all(action.endswith("/read") for action in actions), a
        else:
            assert a.azure_role in AZURE_BUILT_IN_ROLES, a


def test_custom_roles_do_not_shadow_built_ins():
    assert not set(custom_roles()) & AZURE_BUILT_IN_ROLES


def test_nobody_gets_owner_or_user_access_administrator():
    granted = {a.azure_role for a in assignments()}
    assert not granted & {"Owner", "User Access Administrator"}


def test_read_only_list_in_code_matches_reality():
    assert READ_ONLY_BUILT_INS | set(custom_roles()) == READ_ONLY_ROLES


def test_every_role_in_the_assignments_is_known_and_every_catalogue_role_has_access():
    used = {a.role for a in assignments()}
    assert used <= principal_ids()
    assert role_ids() <= used


def test_no_duplicate_rows():
    rows = [(a.role, a.environment, a.azure_role, a.scope) for a in assignments()]
    assert len(rows) == len(set(rows))


def test_data_scientists_contribute_in_dev_and_read_in_test_and_prod():
    assert ("AzureML Data Scientist", "workspace") in azure_roles_for("data-scientist", "dev")
    for env in ("test", "prod"):
        assert azure_roles_for("data-scientist", env) == (("Reader", "workspace"),)


@pytest.mark.parametrize("role_id", sorted(role_ids()))
def test_people_never_change_prod(role_id):
    assert not can_change(role_id, "prod")


@pytest.mark.parametrize("principal", sorted(role_ids()))
def test_human_write_access_never_grows_towards_prod(principal):
    def writes(env):
        return {r for r in azure_roles_for(principal, env) if r[0] not in READ_ONLY_ROLES}

    assert writes("prod") <= writes("test") <= writes("dev")


def test_only_the_ci_identity_publishes_to_a_registry():
    publishers = {
        a.role
        for a in assignments()
        if a.scope == "registry" and a.azure_role not in READ_ONLY_ROLES
    }
    assert publishers == {"ci-deployer"}


def test_pipeline_identities_have_the_same_access_in_every_environment():
    for identity in ("ci-deployer", "training-compute", "endpoint-identity"):
        per_env = {env: set(azure_roles_for(identity, env)) for env in ENVIRONMENTS}
        assert per_env["dev"] == per_env["test"] == per_env["prod"], identity


def test_unknown_principal_is_a_key_error():
    with pytest.raises(KeyError):
        azure_roles_for("intern", "dev")
    with pytest.raises(KeyError):
        principal_name("intern")


def test_tables_render_one_row_per_principal_and_identity():
    rows = table_rows(rbac_table())
    assert len(rows) == len({a.role for a in assignments()})
    assert rows[0][0] == "Data scientist"
    assert rows[0][2] == "Reader (workspace)"
    model_risk = next(r for r in rows if r[0] == "Model risk reviewer")
    assert model_risk[1] == "—"
    ident_rows = table_rows(identities_table())
    assert len(ident_rows) == len(rbac_data().identities) + len(rbac_data().custom_roles)
