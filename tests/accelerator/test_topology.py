import pytest

from accelerator.guidance.organisation import contoso
from accelerator.guidance.topology import (
    STAGES,
    contoso_topology_table,
    recommend_topology,
    topology_examples_table,
)
from tests.accelerator.helpers import org, table_rows

WE, UK = "westeurope", "uksouth"
CASES = [
    # (units, regulated, central team, n workspaces, registry names)
    ([("Solo", 3, WE)], False, True, 3, ["mlr-test"]),
    ([("Solo", 3, WE)], True, True, 3, ["mlr-test-nonprod", "mlr-test-prod"]),
    ([("A", 2, WE), ("B", 2, UK)], False, True, 6, ["mlr-test"]),
    ([("A", 5, WE), ("B", 5, WE), ("C", 5, UK)], False, True, 9, ["mlr-test"]),
    ([("Big A", 10, WE), ("Big B", 9, WE)], False, False, 6, ["mlr-big-a", "mlr-big-b"]),
    (
        [("Big A", 10, WE), ("Big B", 9, WE)],
        True,
        False,
        6,
        ["mlr-big-a-nonprod", "mlr-big-a-prod", "mlr-big-b-nonprod", "mlr-big-b-prod"],
    ),
]


@pytest.mark.parametrize(("units", "regulated", "central", "n_ws", "registries"), CASES)
def test_topology_table(units, regulated, central, n_ws, registries):
    topo = recommend_topology(org(units, regulated=regulated, central_platform_team=central))
    assert len(topo.workspaces) == n_ws
    assert [r.name for r in topo.registries] == registries
    names = [w.name for w in topo.workspaces]
    assert len(names) == len(set(names))


def test_centralised_multi_region_gets_a_set_per_region_named_by_region():
    topo = recommend_topology(org([("A", 2, WE), ("B", 2, UK)]))
    assert {w.region for w in topo.workspaces} == {WE, UK}
    assert "mlw-test-dev-uksouth" in [w.name for w in topo.workspaces]
    assert topo.registries[0].regions == (WE, UK)


def test_every_unit_gets_every_stage_in_its_own_region():
    topo = recommend_topology(contoso())
    for unit in contoso().business_units:
        mine = [w for w in topo.workspaces if w.owner == unit.name]
        assert tuple(w.stage for w in mine) == STAGES
        assert {w.region for w in mine} == {unit.region}


def test_regulated_prod_registry_serves_only_prod():
    regs = {r.name: r.serves for r in recommend_topology(contoso()).registries}
    assert regs == {"mlr-contoso-nonprod": ("dev", "test"), "mlr-contoso-prod": ("prod",)}


@pytest.mark.parametrize(
    ("separate", "expected"),
    [(True, {"dev": "non-prod", "test": "non-prod", "prod": "prod"}), (False, None)],
)
def test_subscriptions(separate, expected):
    topo = recommend_topology(org([("A", 2, WE)], separate_prod_subscription=separate))
    got = {w.stage: w.subscription for w in topo.workspaces}
    assert got == (expected or dict.fromkeys(STAGES, "shared"))


def test_workspace_names_fit_the_config_pattern():
    import re

    pattern = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$")
    for case in CASES:
        topo = recommend_topology(org(case[0], regulated=case[1], central_platform_team=case[2]))
        assert all(pattern.match(w.name) for w in topo.workspaces)


def test_tables():
    rows = table_rows(topology_examples_table())
    assert rows[0][0] == "Contoso Insurance" and rows[0][5] == "9"
    contoso_rows = table_rows(contoso_topology_table())
    assert [r[0] for r in contoso_rows].count("workspace") == 9
    assert [r[0] for r in contoso_rows].count("registry") == 2


def test_rule_table_is_computed_from_the_rule_for_each_situation():
    from accelerator.guidance.topology import RULE_CASES, topology_rule_table

    rows = table_rows(topology_rule_table())
    assert [r[0] for r in rows] == [situation for situation, _ in RULE_CASES]
    for row, (_, case) in zip(rows, RULE_CASES, strict=True):
        topo = recommend_topology(case)
        assert row[2].startswith(f"{len(topo.workspaces)}:")
        assert row[3].count("`mlr-") == len(topo.registries)
    # Every operating model and both registry splits appear: the table covers each branch.
    assert {r[1] for r in rows} == {"Centralised", "Hub and spoke", "Federated"}
    assert any("-prod`" in r[3] for r in rows) and any("(dev/test/prod)" in r[3] for r in rows)
