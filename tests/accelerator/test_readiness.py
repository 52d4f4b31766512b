import pytest

from accelerator.guidance.readiness import (
    data_science_checklist_table,
    outstanding,
    platform_checklist_table,
    readiness_checklist,
    ready_for_production,
)
from accelerator.guidance.roles import role
from tests.accelerator.helpers import table_rows

ALL = [item.id for item in readiness_checklist()]


def test_ids_are_unique_and_both_sides_have_items():
    assert len(ALL) == len(set(ALL))
    assert {item.side for item in readiness_checklist()} == {"data-science", "platform"}


def test_owners_sit_on_the_side_they_deliver_for():
    for item in readiness_checklist():
        team = role(item.owner).team
        assert (team == "platform") == (item.side == "platform"), item.id


def test_ready_only_when_everything_is_done():
    assert ready_for_production(ALL)
    assert not ready_for_production(ALL[1:])
    assert not ready_for_production([])


def test_outstanding_by_side():
    platform = outstanding([], side="platform")
    assert platform and all(i.side == "platform" for i in platform)
    assert len(outstanding([])) == len(ALL)


def test_unknown_ids_are_refused():
    with pytest.raises(ValueError, match="not on the checklist: nope"):
        outstanding(["nope"])


def test_tables_split_the_checklist_by_side():
    ds, pl = table_rows(data_science_checklist_table()), table_rows(platform_checklist_table())
    assert len(ds) + len(pl) == len(ALL)
    assert pl[0][1] == "Platform engineer"
