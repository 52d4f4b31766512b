"""Where training data comes from: the Azure ML input a job declares for a location and shape."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table

LocationId = Literal["datastore", "abfss", "onelake", "data-asset", "local"]
ShapeId = Literal["file", "folder", "delta", "mltable"]


class Location(BaseModel):
    """How a job addresses data.

    Attributes:
        id: Stable identifier.
        name: Name on the page.
        uri: The URI form, with placeholders in angle brackets.
        access: How access is granted.
        status: Availability (generally available, preview, local only).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: LocationId
    name: str
    uri: str
    access: str
    status: str


class Shape(BaseModel):
    """What sits at a location.

    Attributes:
        id: Stable identifier.
        name: Name on the page.
        input_type: The Azure ML input type a job declares.
        reader: What reads it without Spark.
        versioning: How one exact state of the data is named.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: ShapeId
    name: str
    input_type: Literal["uri_file", "uri_folder", "mltable"]
    reader: str
    versioning: str


class SourceExample(BaseModel):
    """A named source shown on the page."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    location: LocationId
    shape: ShapeId


class DataSourcesData(BaseModel):
    """Everything in ``data/data_sources.yaml``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    locations: tuple[Location, ...]
    shapes: tuple[Shape, ...]
    examples: tuple[SourceExample, ...]


class InputChoice(BaseModel):
    """The input a job declares, and how the exact data is recorded.

    Attributes:
        input_type: ``uri_file``, ``uri_folder`` or ``mltable``.
        uri: URI form to pass as the input path.
        access: How access is granted.
        data_reference: What to record on the registered model to name the exact data.
        status: Availability of the location.
    """

    model_config = ConfigDict(frozen=True)

    input_type: str
    uri: str
    access: str
    data_reference: str
    status: str


@cache
def data_sources_data() -> DataSourcesData:
    """Return the validated locations, shapes and examples.

    Returns:
        The data in ``data/data_sources.yaml``.
    """
    return load_data("data_sources", DataSourcesData)


def _by_id(items: tuple, item_id: str, kind: str):
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(f"no {kind} {item_id!r}")


# --8<-- [start:choose-input]
def choose_input(location: str, shape: str) -> InputChoice:
    """Say which input a job declares for data at ``location`` with ``shape``.

    Args:
        location: ``datastore``, ``abfss``, ``onelake``, ``data-asset`` or ``local``.
        shape: ``file``, ``folder``, ``delta`` or ``mltable``.

    Returns:
        The input type, the URI form, the access and the reference to record on the model.

    Raises:
        KeyError: If the location or shape is unknown.
        ValueError: For a single file addressed as a table (``delta`` or ``mltable`` as a file).
    """
    data = data_sources_data()
    where: Location = _by_id(data.locations, location, "location")
    what: Shape = _by_id(data.shapes, shape, "shape")
    if location == "data-asset":
        reference = "asset name and version (azureml:<asset>:<version>)"
    elif shape == "delta":
        reference = "URI plus the Delta table version read"
    else:
        reference = "URI only — register it as a data asset version to pin it"
    return InputChoice(
        input_type=what.input_type,
        uri=where.uri,
        access=where.access,
        data_reference=reference,
        status=where.status,
    )
    # --8<-- [end:choose-input]


def locations_table() -> str:
    """Render the locations.

    Returns:
        One row per location: URI form, access and status.
    """
    return markdown_table(
        ["Location", "URI", "Access", "Status"],
        [
            (loc.name, f"`{loc.uri}`", loc.access, loc.status)
            for loc in data_sources_data().locations
        ],
    )


def shapes_table() -> str:
    """Render the shapes.

    Returns:
        One row per shape: Azure ML input type, reader and versioning.
    """
    return markdown_table(
        ["Shape", "Azure ML input", "Read without Spark by", "Versioned by"],
        [(s.name, f"`{s.input_type}`", s.reader, s.versioning) for s in data_sources_data().shapes],
    )


def examples_table() -> str:
    """Render the choice for each example source.

    Returns:
        One row per example: input type, URI and what the model records.
    """
    rows = []
    for example in data_sources_data().examples:
        choice = choose_input(example.location, example.shape)
        rows.append(
            (example.name, f"`{choice.input_type}`", f"`{choice.uri}`", choice.data_reference)
        )
    return markdown_table(["Source", "Input", "URI", "Recorded on the model"], rows)
