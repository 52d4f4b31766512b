import pytest

from accelerator.guidance.roles import role, role_ids, roles, roles_table, roles_to_recruit
from tests.accelerator.helpers import table_rows


def test_role_ids_are_unique_and_lookups_work():
    ids = [r.id for r in roles()]
    assert len(ids) == len(set(ids))
    assert role_ids() == frozenset(ids)
    assert role("ml-engineer").name == "ML engineer"


def test_unknown_role_is_a_key_error():
    with pytest.raises(KeyError, match="unknown role"):
        role("wizard")


def test_every_team_has_a_role_and_ml_engineer_is_recruited():
    assert {r.team for r in roles()} == {"data-science", "platform", "business", "governance"}
    assert roles_to_recruit() == ["ML engineer"]


def test_roles_table_has_one_row_per_role():
    rows = table_rows(roles_table())
    assert [r[0] for r in rows] == [f"**{r.name}**" for r in roles()]
    assert [r[-1] for r in rows] == [r.source for r in roles()]
