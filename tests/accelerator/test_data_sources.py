import pytest

from accelerator.guidance.data_sources import (
    choose_input,
    data_sources_data,
    examples_table,
    locations_table,
    shapes_table,
)
from tests.accelerator.helpers import table_rows


@pytest.mark.parametrize(
    ("location", "shape", "input_type", "uri_start", "reference_start"),
    [
        ("datastore", "delta", "uri_folder", "azureml://datastores/", "URI plus the Delta"),
        ("datastore", "file", "uri_file", "azureml://datastores/", "URI only"),
        ("abfss", "folder", "uri_folder", "abfss://", "URI only"),
        ("onelake", "delta", "uri_folder", "azureml://datastores/", "URI plus the Delta"),
        ("data-asset", "mltable", "mltable", "azureml:<asset>", "asset name and version"),
        ("data-asset", "delta", "uri_folder", "azureml:<asset>", "asset name and version"),
        ("local", "folder", "uri_folder", "<path>", "URI only"),
    ],
)
def test_choose_input(location, shape, input_type, uri_start, reference_start):
    choice = choose_input(location, shape)
    assert choice.input_type == input_type
    assert choice.uri.startswith(uri_start)
    assert choice.data_reference.startswith(reference_start)


def test_onelake_is_marked_preview_and_no_location_needs_a_key():
    assert choose_input("onelake", "delta").status.startswith("preview")
    for location in data_sources_data().locations:
        assert "account key" not in location.access and "SAS" not in location.access


@pytest.mark.parametrize(("location", "shape"), [("s3", "file"), ("datastore", "csv")])
def test_unknown_location_or_shape(location, shape):
    with pytest.raises(KeyError):
        choose_input(location, shape)


def test_tables_cover_the_data():
    data = data_sources_data()
    assert len(table_rows(locations_table())) == len(data.locations)
    assert [r[1] for r in table_rows(shapes_table())] == [f"`{s.input_type}`" for s in data.shapes]
    assert len(table_rows(examples_table())) == len(data.examples)
