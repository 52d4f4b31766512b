"""``monitor --target azureml --check``: is the deployed model drifting? Exit 3 if so.

The Azure ML model monitor computes its signals on serverless Spark and alerts through Azure
Monitor, but publishes no documented result a workflow can read back. So the check recomputes
the data-drift verdict from exactly the data the monitor reads, with the thresholds the
monitor uses (the ``monitoring`` section of the configuration):

- production data: the ``model_inputs`` the online deployment's data collector wrote to the
  workspace's default blob store (``modelDataCollector/<endpoint>/<deployment>/model_inputs/
  YYYY/MM/DD/HH/*.jsonl``) during the monitor's look-back window;
- baseline: the deployed model version's own training data, found through its ``data``
  lineage tag (``azureml:<asset>:<version>`` in the training workspace) — not a fixed file.

Every read goes through azure-ai-ml (endpoint, deployment, model, data asset, datastore) and
azure-storage-blob (the collected files and the training data), so the tests stand in for
Azure at the HTTP boundary.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from azure.ai.ml import MLClient

from reference_impl.azureml.names import TRAINING_ENV, online_endpoint
from reference_impl.config import EnvironmentConfig
from reference_impl.contract import load_contract
from reference_impl.contract_tag import contract_mismatch
from reference_impl.exit_codes import ExitCode
from reference_impl.scoring.collect import INPUTS

if TYPE_CHECKING:
    import pandas as pd

COLLECTOR_ROOT = "modelDataCollector"
"""Folder of the default blob store where managed deployments' collectors write."""
DEFAULT_DATASTORE = "workspaceblobstore"
"""The workspace's default blob datastore (where the data collector writes by default)."""
LOOKBACK_DAYS = 7
"""Production data the check looks at (the monitor's ``P7D`` look-back window)."""
_DATASTORE_PATH = re.compile(r"/datastores/(?P<store>[^/]+)/paths/(?P<path>.+)$")
_MODEL_VERSION = re.compile(r"/models/(?P<name>[^/]+)/versions/(?P<version>[^/]+)$")
_ASSET = re.compile(r"^azureml:(?P<name>[^:@/]+):(?P<version>[^:@/]+)$")


class CheckError(ValueError):
    """The check cannot compare: no traffic, no lineage, or too little production data.

    Attributes:
        exit_code: ``5`` no traffic, ``6`` no data lineage, ``4`` too little production data.
    """

    def __init__(self, message: str, exit_code: int = ExitCode.BAD_DATA) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class DriftVerdict:
    """What ``--check`` found.

    Attributes:
        deployment: The colour serving traffic.
        model: ``<name>:<version>`` it serves.
        baseline: The training data reference (``azureml:<asset>:<version>``).
        report: The drift report (as the local ``monitor`` writes it).
    """

    deployment: str
    model: str
    baseline: str
    report: dict[str, Any]


def _container(ml_client: MLClient, datastore: str) -> Any:
    """A blob container client for a workspace datastore (identity-based access)."""
    from azure.storage.blob import ContainerClient

    from reference_impl.azureml import client

    store = ml_client.datastores.get(datastore)
    account_url = f"{store.protocol or 'https'}://{store.account_name}.blob.{store.endpoint}"
    return ContainerClient(
        account_url, store.container_name, credential=client.default_credential()
    )


def collected_prefix(endpoint: str, deployment: str) -> str:
    """Where a deployment's collected model inputs live in the default blob store.

    Args:
        endpoint: Online endpoint name.
        deployment: Deployment name.

    Returns:
        ``modelDataCollector/<endpoint>/<deployment>/model_inputs/``.
    """
    return f"{COLLECTOR_ROOT}/{endpoint}/{deployment}/{INPUTS}/"


def _hour_of(name: str, prefix: str) -> datetime | None:
    parts = name[len(prefix) :].split("/")
    try:
        return datetime(*(int(p) for p in parts[:4]), tzinfo=UTC)  # type: ignore[misc]
    except (TypeError, ValueError):
        return None


def download_collected(container: Any, prefix: str, folder: Path, since: datetime) -> int:
    """Copy the collected files of the look-back window into ``folder/model_inputs/``.

    Args:
        container: Blob container of the monitored workspace's default datastore.
        prefix: :func:`collected_prefix`.
        folder: Local folder (read it with ``collect_sink.read_inputs``).
        since: Oldest hour to include.

    Returns:
        The number of files copied.
    """
    start = since.replace(minute=0, second=0, microsecond=0)

    def in_window(name: str) -> bool:
        hour = _hour_of(name, prefix)
        return hour is not None and hour >= start

    return _copy_blobs(container, prefix, folder / INPUTS, in_window)


def _copy_blobs(
    container: Any, prefix: str, folder: Path, keep: Callable[[str], bool] = lambda _: True
) -> int:
    """Copy the blobs under ``prefix`` that ``keep`` accepts, in their layout below ``prefix``.

    A name with a ``..`` part is never written: it would land outside ``folder``.

    Args:
        container: Blob container client.
        prefix: Folder path in the container, ending in ``/``.
        folder: Local folder to copy into.
        keep: Whether to copy the blob of a name (default: every blob).

    Returns:
        The number of files copied.
    """
    copied = 0
    for blob in container.list_blobs(name_starts_with=prefix):
        relative = PurePosixPath(blob.name[len(prefix) :])
        if ".." in relative.parts or not keep(blob.name):
            continue
        _copy_blob(container, blob.name, folder.joinpath(*relative.parts))
        copied += 1
    return copied


def _copy_blob(container: Any, name: str, target: Path) -> Path:
    """Download one blob to ``target`` (its folder is made); ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(container.download_blob(name).readall())
    return target


def _asset(data_reference: str) -> re.Match[str]:
    match = _ASSET.match(data_reference)
    if not match:
        raise CheckError(
            f"the deployed model's data tag {data_reference!r} is not azureml:<asset>:<version>; "
            "train it with --data azureml:<asset>:<version> so its baseline can be found",
            ExitCode.GATE_REFUSED,
        )
    return match


def _download_asset(container: Any, path: str, kind: str, folder: Path) -> Path:
    """Copy a data asset's blobs into ``folder``: one file, or every blob under a folder path.

    Args:
        container: Blob container of the asset's datastore.
        path: The asset's path in the container.
        kind: The asset's type, ``uri_file`` or ``uri_folder``.
        folder: Local folder to copy into.

    Returns:
        The local file, or the local folder holding the asset's blobs (a folder of Parquet or
        CSV files, or a Delta table with its ``_delta_log``).
    """
    if kind == "uri_file":
        return _copy_blob(container, path, folder / PurePosixPath(path).name)
    prefix = path.rstrip("/") + "/"
    local = folder / (PurePosixPath(prefix).name or "data")
    _copy_blobs(container, prefix, local)
    return local


def training_frame(
    training: MLClient,
    data_reference: str,
    features: Sequence[str] = (),
    text: Sequence[str] = (),
) -> pd.DataFrame:
    """The training data of a model version, read through its data asset.

    The asset is read as ``train`` reads data: a CSV or Parquet file (``uri_file``), or a
    folder of Parquet or CSV files or a Delta table at its latest version (``uri_folder``).

    Args:
        training: Client of the training workspace (where the asset lives).
        data_reference: The version's ``data`` lineage tag, ``azureml:<asset>:<version>``.
        features: Columns the data must have (the serving model's features).
        text: Columns kept as text (the contract's ``text_columns``).

    Returns:
        A ``pandas.DataFrame``.

    Raises:
        CheckError: If the reference is not an explicit data asset version on a datastore,
            the asset is an ``mltable``, or its data cannot be read or lacks a feature.
    """
    from reference_impl.validation.errors import DataValidationError
    from reference_impl.validation.reader import read_table

    match = _asset(data_reference)
    asset = training.data.get(match["name"], version=match["version"])
    where = _DATASTORE_PATH.search(str(asset.path))
    if not where:
        raise CheckError(
            f"data asset {data_reference} is not on a workspace datastore", ExitCode.GATE_REFUSED
        )
    if asset.type not in ("uri_file", "uri_folder"):
        raise CheckError(
            f"data asset {data_reference} is an {asset.type}; the baseline is read from a "
            "uri_file (CSV or Parquet) or a uri_folder (a folder of Parquet or CSV files, or a "
            "Delta table)",
            ExitCode.GATE_REFUSED,
        )
    container = _container(training, where["store"])
    with tempfile.TemporaryDirectory(prefix="training-data-") as folder:
        local = _download_asset(container, where["path"], asset.type, Path(folder))
        try:
            return read_table(local, required=features, any_columns=True, text=text)
        except DataValidationError as exc:
            raise CheckError(
                f"training data {data_reference} cannot be read: {'; '.join(exc.problems)}"
            ) from None


def _deployed(monitored: MLClient, endpoint: str, deployment: str | None) -> tuple[str, str, str]:
    from reference_impl.azureml.online import live_colour

    if deployment is None:
        deployment = live_colour(monitored.online_endpoints.get(endpoint).traffic or {})
        if deployment is None:
            raise CheckError(
                f"{endpoint} serves no traffic; deploy a model first", ExitCode.NO_CHAMPION
            )
    model = str(monitored.online_deployments.get(name=deployment, endpoint_name=endpoint).model)
    match = _MODEL_VERSION.search(model)
    if not match:
        raise CheckError(
            f"deployment {deployment} names no model version ({model})", ExitCode.NO_CHAMPION
        )
    return deployment, match["name"], match["version"]


@dataclass(frozen=True)
class DeployedLineage:
    """The deployment serving traffic, its model version and that version's training data.

    Attributes:
        deployment: The colour.
        model: ``<name>:<version>``.
        data: The version's ``data`` lineage tag, ``azureml:<asset>:<version>``.
    """

    deployment: str
    model: str
    data: str

    @property
    def data_version(self) -> str:
        """The training data asset's version (the ``<version>`` of :attr:`data`)."""
        return self.data.rsplit(":", 1)[1]


def deployed_lineage(
    config: EnvironmentConfig, monitored: MLClient, model_name: str, deployment: str | None
) -> DeployedLineage:
    """Follow the live deployment to its model version and the data that version was trained on.

    Args:
        config: The monitored environment.
        monitored: Its workspace client.
        model_name: Registered model name (names the endpoint).
        deployment: Colour to follow (default: the one serving traffic).

    Returns:
        The deployment, model version and data reference.

    Raises:
        CheckError: No traffic (exit 5), a version trained with another contract than
            ``data.contract`` (exit 2), or one without an explicit data asset version in its
            ``data`` tag (exit 6).
    """
    from reference_impl.azureml import client

    endpoint = online_endpoint(model_name, config)
    deployment, name, version = _deployed(monitored, endpoint, deployment)
    registry = monitored if config.name == TRAINING_ENV else client.registry_client(config)
    tags = registry.models.get(name=name, version=version).tags or {}
    contract = load_contract(config.data.contract)
    if problem := contract_mismatch(f"{name}:{version}", tags, contract, config.data.contract):
        raise CheckError(problem, ExitCode.USAGE)
    data = tags.get("data")
    if not data:
        raise CheckError(
            f"{name}:{version} has no data lineage tag; its baseline is unknown",
            ExitCode.GATE_REFUSED,
        )
    _asset(data)
    return DeployedLineage(deployment, f"{name}:{version}", data)


# --8<-- [start:check]
def check_drift(
    config: EnvironmentConfig,
    training: EnvironmentConfig,
    model_name: str,
    deployment: str | None = None,
    *,
    now: datetime | None = None,
) -> DriftVerdict:
    """Compare the deployment's recent inputs with its model's own training data.

    Args:
        config: The monitored environment (thresholds and ``min_rows`` from ``monitoring``).
        training: The training environment (where the model's data asset lives).
        model_name: Registered model name (names the endpoint).
        deployment: Colour to check (default: the one serving traffic).
        now: The current time (default: now, UTC).

    Returns:
        The verdict; ``report["retrain_recommended"]`` is the answer.

    Raises:
        CheckError: No traffic, no data lineage, or fewer collected rows than ``min_rows``.
    """
    from reference_impl.azureml import client
    from reference_impl.monitoring.profile import build_profile
    from reference_impl.monitoring.report import drift_report
    from reference_impl.scoring.collect_sink import CollectedDataError, read_inputs

    monitored = client.workspace_client(config)
    endpoint = online_endpoint(model_name, config)
    lineage = deployed_lineage(config, monitored, model_name, deployment)
    deployment = lineage.deployment
    contract = load_contract(config.data.contract)
    baseline = build_profile(
        training_frame(
            client.workspace_client(training),
            lineage.data,
            contract.feature_names,
            contract.text_columns,
        ),
        contract,
        config.monitoring.bins,
    )
    since = (now or datetime.now(UTC)) - timedelta(days=LOOKBACK_DAYS)
    with tempfile.TemporaryDirectory(prefix="collected-") as folder:
        container = _container(monitored, DEFAULT_DATASTORE)
        prefix = collected_prefix(endpoint, deployment)
        download_collected(container, prefix, Path(folder), since)
        try:
            current = read_inputs(Path(folder))
        except FileNotFoundError:
            current = None
        except CollectedDataError as exc:  # named by its blob, not by the local copy
            blob = exc.path.relative_to(Path(folder) / INPUTS).as_posix()
            raise CheckError(exc.where(f"{DEFAULT_DATASTORE}/{prefix}{blob}")) from None
    rows = 0 if current is None else len(current)
    if rows < config.monitoring.min_rows:
        raise CheckError(
            f"only {rows} collected row(s) for {endpoint}/{deployment} in the last "
            f"{LOOKBACK_DAYS} days; at least {config.monitoring.min_rows} are needed "
            "(monitoring.min_rows)"
        )
    missing = [name for name in contract.feature_names if name not in current.columns]
    if missing:  # e.g. a collector that records other columns than this model's contract
        raise CheckError(
            f"the collected {INPUTS} of {endpoint}/{deployment} lack the contract's feature "
            f"column(s) {', '.join(missing)}"
        )
    report = drift_report(current, baseline, contract, config.monitoring)
    return DriftVerdict(deployment, lineage.model, lineage.data, report)
    # --8<-- [end:check]
