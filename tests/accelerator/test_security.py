from accelerator.guidance.security import (
    SUPERSEDES,
    controls,
    security_baseline,
    security_table,
)
from tests.accelerator.helpers import table_rows


def test_baseline_is_a_subset_of_regulated_except_superseded_controls():
    base = {c.id for c in security_baseline(regulated=False)}
    regulated = {c.id for c in security_baseline(regulated=True)}
    assert base - regulated == set(SUPERSEDES.values())
    assert all(c.applies == "baseline" for c in security_baseline(regulated=False))


def test_regulated_gets_private_endpoints_and_one_network_mode_only():
    ids = [c.id for c in security_baseline(regulated=True)]
    assert "private-endpoints" in ids
    assert ids.count("managed-vnet") + ids.count("managed-vnet-approved-outbound") == 1


def test_supersede_map_refers_to_real_controls():
    by_id = {c.id: c for c in controls()}
    for new, old in SUPERSEDES.items():
        assert by_id[new].applies == "regulated" and by_id[old].applies == "baseline"


def test_table_has_one_row_per_control():
    rows = table_rows(security_table())
    assert len(rows) == len(controls())
    assert {r[2] for r in rows} == {"everyone", "regulated"}
