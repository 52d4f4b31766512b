"""The training pipeline's data input on Azure ML: a URI stays a URI, a local path is uploaded.

``--data`` on the Azure ML target accepts:

- ``azureml://datastores/<name>/paths/<path>`` — a file or folder on a workspace datastore
  (the lake's ``raw``, ``curated`` and ``predictions``, or a workspace system datastore);
- ``abfss://<container>@<account>.dfs.core.windows.net/<path>`` — ADLS Gen2 addressed directly;
- ``azureml:<asset>:<version>`` (or ``azureml:<asset>@latest``) — a registered data asset;
- ``https://`` or ``wasbs://`` URLs of a blob;
- a local file or folder, which the SDK uploads when the job is submitted.

A path ending in ``/``, or without a file suffix, is a folder (``uri_folder``: a Parquet folder
or a Delta table); one ending in ``.csv`` or ``.parquet`` is a file (``uri_file``); a URI
ending in ``/MLTable``, or a local folder holding one, binds that folder as an ``mltable``.
Anything else is refused with one sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from reference_impl.datastores import LAKE_DATASTORES
from reference_impl.paths import URI_SCHEME, databricks_problem, is_folder, real_path

InputType = Literal["uri_file", "uri_folder", "mltable"]

# --8<-- [start:datastores]
SYSTEM_DATASTORES = (
    "workspaceblobstore",
    "workspaceartifactstore",
    "workspacefilestore",
    "workspaceworkingdirectory",
)
"""Datastores every Azure ML workspace has."""
# --8<-- [end:datastores]
DATASTORE_URI = re.compile(r"^azureml://datastores/(?P<name>[^/]+)/paths/(?P<path>.*)$")
ABFSS_URI = re.compile(
    r"^abfss://(?P<container>[a-z0-9-]+)@(?P<account>[a-z0-9]+)\.dfs\.core\.windows\.net/(?P<path>.*)$"
)
ONELAKE_HOST = "@onelake.dfs.fabric.microsoft.com"
"""Where an abfss URI into Microsoft Fabric's OneLake points (workspace@host)."""
ASSET_URI = re.compile(r"^azureml:(?P<name>[A-Za-z0-9_.-]+)(?::(?P<version>\w+)|@latest)$")
FILE_SUFFIXES = {".csv": "uri_file", ".parquet": "uri_file"}
SUPPORTED = (
    "azureml://datastores/<name>/paths/<path>, abfss://<container>@<account>.dfs.core."
    "windows.net/<path>, azureml:<asset>:<version>, an https:// or wasbs:// blob URL, "
    "or a local path"
)


class DataInputError(ValueError):
    """``--data`` names something the Azure ML target cannot bind (a configuration error)."""


@dataclass(frozen=True)
class DataInput:
    """What the pipeline's ``raw_data`` input is bound to.

    Attributes:
        type: ``uri_file``, ``uri_folder`` or ``mltable``.
        path: The URI, or the absolute local path the SDK uploads.
        kind: ``datastore``, ``abfss``, ``data-asset``, ``url`` or ``local``.
    """

    type: InputType
    path: str
    kind: str


def _type_of(path: str) -> InputType:
    """File or folder, from how the path ends."""
    name = PurePosixPath(path.rstrip("/")).name
    if path.endswith("/") or not PurePosixPath(name).suffix:
        return "uri_folder"
    return FILE_SUFFIXES.get(PurePosixPath(name).suffix.lower(), "uri_file")


def _bound(value: str, path: str, kind: str) -> DataInput:
    """A URI input; ``.../<folder>/MLTable`` binds the folder as an ``mltable`` input."""
    if PurePosixPath(path.rstrip("/")).name == "MLTable":
        return DataInput("mltable", value.rstrip("/").removesuffix("MLTable"), kind)
    return DataInput(_type_of(path), value, kind)


# --8<-- [start:classify]
def classify(
    data: str | Path, *, datastores: tuple[str, ...] = LAKE_DATASTORES, named: str = "--data"
) -> DataInput:
    """Decide how ``--data`` binds to the pipeline input, without touching Azure.

    Args:
        data: What the user passed as ``--data`` (or set as ``data.training``).
        datastores: Datastore names the workspace has besides the system ones.
        named: Where the value came from, as a message names it.

    Returns:
        The input's type and path: URIs unchanged, local paths made absolute.

    Raises:
        DataInputError: For an unknown datastore, a malformed ``abfss://`` URI, an
            unsupported URI scheme, or a local file or folder inside a Delta table.
    """
    value = str(data)
    if match := DATASTORE_URI.match(value):
        name = match["name"]
        if name not in (*datastores, *SYSTEM_DATASTORES):
            known = ", ".join((*datastores, *SYSTEM_DATASTORES))
            raise DataInputError(
                f"{named} {value}: unknown datastore {name!r}; this workspace has {known} (a "
                "datastore registered by hand goes under data.datastores in the environment's "
                "configuration)"
            )
        return _bound(value, match["path"], "datastore")
    if value.startswith("abfss://"):
        if value.removeprefix("abfss://").partition("/")[0].lower().endswith(ONELAKE_HOST):
            raise DataInputError(
                f"{named} {value}: a OneLake URI; an Azure ML job reads a Fabric lakehouse "
                "through a OneLake datastore (list it under data.datastores and pass "
                "azureml://datastores/<name>/paths/<path>) or through a shortcut into a lake "
                "container it already reads"
            )
        if not (match := ABFSS_URI.match(value)):
            raise DataInputError(
                f"{named} {value}: an abfss URI must read "
                "abfss://<container>@<account>.dfs.core.windows.net/<path>"
            )
        return _bound(value, match["path"], "abfss")
    if value.startswith("azureml:") and not value.startswith("azureml://"):
        if not ASSET_URI.match(value):
            raise DataInputError(
                f"{named} {value}: a data asset must read azureml:<name>:<version> "
                "or azureml:<name>@latest"
            )
        return DataInput("uri_file", value, "data-asset")
    if value.startswith(("https://", "wasbs://")):
        return DataInput(_type_of(value), value, "url")
    if problem := databricks_problem(value):
        raise DataInputError(f"{named} {value}: {problem}")
    scheme = URI_SCHEME.match(value)
    if scheme:
        raise DataInputError(
            f"{named} {value}: URI scheme {scheme[1]!r} is not supported; use {SUPPORTED}"
        )
    # imported here: formats imports pandas, which --help must not wait for
    from reference_impl.validation.formats import (
        DELTA_LOG,
        data_files,
        delta_part_problem,
        mixed_formats_problem,
    )

    local = real_path(value)
    if problem := delta_part_problem(local):  # uploaded alone, it would lose the table's log
        raise DataInputError(f"{named} {value}: {problem}")
    table = is_folder(local / DELTA_LOG)
    if (
        is_folder(local)
        and not table
        and (problem := mixed_formats_problem(local, *data_files(local)))
    ):
        raise DataInputError(f"{named} {value}: {problem}")  # the job's validate step refuses it
    if is_folder(local):
        return DataInput(
            "mltable" if (local / "MLTable").is_file() else "uri_folder", str(local), "local"
        )
    return DataInput("uri_file", str(local), "local")
    # --8<-- [end:classify]
