import pytest

from accelerator.guidance.fabric import changes_table, fabric_counterpart, fabric_data
from tests.accelerator.helpers import table_rows


def test_counterpart_by_start_of_name():
    assert fabric_counterpart("Dedicated SQL").fabric == "Fabric Warehouse"
    assert "OneLake" in fabric_counterpart("linked adls").fabric


@pytest.mark.parametrize("name", ["Cosmos", "S"])
def test_no_or_ambiguous_match(name):
    with pytest.raises(KeyError):
        fabric_counterpart(name)


def test_table_has_one_row_per_change_and_names_the_ml_registry():
    assert len(table_rows(changes_table())) == len(fabric_data().changes)
    assert "Azure ML registry" in changes_table()
