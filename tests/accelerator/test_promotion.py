import pytest

from accelerator.guidance.promotion import gate_into, promotion_path, promotion_table
from accelerator.guidance.roles import role_ids
from reference_impl.config import ENVIRONMENTS
from tests.accelerator.helpers import table_rows


def test_path_matches_the_configured_environments():
    assert tuple(s.environment for s in promotion_path()) == tuple(ENVIRONMENTS)


def test_prod_needs_a_known_human_approver_and_the_rest_is_automatic():
    prod = gate_into("prod")
    assert not prod.automatic and prod.approver in role_ids()
    assert all(s.automatic and s.approver is None for s in promotion_path()[:-1])


def test_unknown_environment_is_a_key_error():
    with pytest.raises(KeyError):
        gate_into("staging")


def test_table_shows_the_approver_by_name():
    rows = table_rows(promotion_table())
    assert [r[-1] for r in rows] == ["automatic", "automatic", "ML product owner"]
