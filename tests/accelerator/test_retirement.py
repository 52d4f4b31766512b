from accelerator.guidance.retirement import (
    retirement_policy,
    retirement_steps,
    retirement_table,
    retirement_triggers_list,
)
from accelerator.guidance.roles import role_ids
from tests.accelerator.helpers import table_rows


def test_regulated_adds_steps_and_keeps_the_order():
    plain = [s.id for s in retirement_steps(regulated=False)]
    regulated = [s.id for s in retirement_steps(regulated=True)]
    assert len(regulated) > len(plain)
    assert [s for s in regulated if s in plain] == plain
    assert {"export-evidence", "retain-data"} == set(regulated) - set(plain)


def test_traffic_stops_before_serving_is_deleted_and_evidence_before_both():
    ids = [s.id for s in retirement_steps(regulated=True)]
    assert ids.index("stop-traffic") < ids.index("export-evidence") < ids.index("delete-serving")
    assert ids[0] == "announce" and ids[-1] == "close"


def test_owners_known_and_renderings():
    assert {s.owner for s in retirement_policy().steps} <= role_ids()
    assert len(table_rows(retirement_table())) == len(retirement_policy().steps)
    assert len(retirement_triggers_list().splitlines()) == len(retirement_policy().triggers)
