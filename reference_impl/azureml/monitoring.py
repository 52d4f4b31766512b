"""Model monitoring on Azure ML and the schedule that retrains.

The monitor compares what the online deployment receives and answers (collected by its data
collector) with the training data, every day, with three signals: data drift, prediction
drift and data quality. Thresholds come from the ``monitoring`` section of the environment
configuration, so Azure ML alerts on the same population stability index as the local
``monitor`` command. Alerts go to Azure Monitor. Independently, a weekly schedule re-runs the
training pipeline in the training workspace, where the gate decides whether the new model
replaces the champion.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from azure.ai.ml import Input, MLClient
from azure.ai.ml.constants import AssetTypes, MonitorDatasetContext, MonitorTargetTasks
from azure.ai.ml.entities import (
    BaselineDataRange,
    CategoricalDriftMetrics,
    CronTrigger,
    Data,
    DataDriftMetricThreshold,
    DataDriftSignal,
    DataQualityMetricsCategorical,
    DataQualityMetricsNumerical,
    DataQualityMetricThreshold,
    DataQualitySignal,
    JobSchedule,
    MonitorDefinition,
    MonitoringTarget,
    MonitorSchedule,
    NumericalDriftMetrics,
    PipelineJob,
    PredictionDriftMetricThreshold,
    PredictionDriftSignal,
    ProductionData,
    RecurrencePattern,
    RecurrenceTrigger,
    ReferenceData,
    ServerlessSparkCompute,
)
from azure.core.exceptions import ResourceNotFoundError

from reference_impl.azureml.names import (
    BASELINE_DATA_ASSET,
    BASELINE_DATA_VERSION,
    monitor_schedule,
    online_endpoint,
    retraining_schedule,
)
from reference_impl.config import EnvironmentConfig
from reference_impl.config.project import load_project
from reference_impl.contract import load_contract
from reference_impl.pipeline.graph import TRAINING_PIPELINE

MONITOR_COMPUTE = ServerlessSparkCompute(runtime_version="3.4", instance_type="standard_e4s_v3")
"""Serverless Spark that computes the signals (billed per run, nothing to manage)."""

LOOKBACK = "P7D"
"""Production data each daily run looks at: the last seven days."""

OUTPUTS = load_project().outputs
"""Names of the prediction outputs the deployment collects."""

RETRAIN_CRON = "0 4 * * 1"
"""Retraining: Mondays at 04:00 UTC."""


def _production(
    endpoint: str, deployment: str, context: MonitorDatasetContext, task: str = "binary"
) -> ProductionData:
    columns = None
    if context == MonitorDatasetContext.MODEL_OUTPUTS:  # a regression answer has no probability
        columns = {"prediction": OUTPUTS.decision}
        if task != "regression":
            columns["prediction_probability"] = OUTPUTS.probability
    return ProductionData(
        input_data=Input(
            type="uri_folder", path=f"azureml:{endpoint}-{deployment}-{context.value}:1"
        ),
        data_context=context,
        data_window=BaselineDataRange(lookback_window_size=LOOKBACK, lookback_window_offset="P0D"),
        data_column_names=columns,
    )


def _prediction_thresholds(task: str, psi: float) -> PredictionDriftMetricThreshold:
    """A class (and a yes/no decision) drifts as a category; a regressor's number as a number."""
    if task == "regression":
        return PredictionDriftMetricThreshold(
            numerical=NumericalDriftMetrics(population_stability_index=psi)
        )
    return PredictionDriftMetricThreshold(
        categorical=CategoricalDriftMetrics(population_stability_index=psi)
    )


def baseline_reference(label: str, version: str = BASELINE_DATA_VERSION) -> ReferenceData:
    """The training data the signals compare production with.

    Args:
        label: The contract's label column (the target the monitor leaves out).
        version: Version of the baseline asset: the version of the training data asset the
            deployed model was trained on (the bundled data's ``1`` in a dry run).

    Returns:
        Reference data reading the ``mltable`` asset
        :data:`~reference_impl.azureml.names.BASELINE_DATA_ASSET` at that explicit version.
    """
    return ReferenceData(
        input_data=Input(type="mltable", path=f"azureml:{BASELINE_DATA_ASSET}:{version}"),
        data_context=MonitorDatasetContext.TRAINING,
        data_column_names={"target_column": label},
    )


# --8<-- [start:monitor]
def monitor_schedule_entity(
    config: EnvironmentConfig,
    *,
    model_name: str,
    deployment: str,
    baseline_version: str = BASELINE_DATA_VERSION,
) -> MonitorSchedule:
    """The daily model monitor of the online deployment.

    Args:
        config: The environment (thresholds from its ``monitoring`` section).
        model_name: Registered model name (names the endpoint).
        deployment: The deployment serving traffic (``blue`` or ``green``).
        baseline_version: Version of the baseline asset (see :func:`baseline_reference`).

    Returns:
        A ``MonitorSchedule`` with data drift, prediction drift and data quality signals.
    """
    endpoint = online_endpoint(model_name, config)
    psi, invalid = config.monitoring.psi_threshold, config.monitoring.max_invalid_share
    inputs = _production(endpoint, deployment, MonitorDatasetContext.MODEL_INPUTS)
    contract = load_contract(config.data.contract)
    outputs = _production(endpoint, deployment, MonitorDatasetContext.MODEL_OUTPUTS, contract.task)
    baseline = baseline_reference(contract.label, baseline_version)
    signals = {
        "data_drift": DataDriftSignal(
            production_data=inputs,
            reference_data=baseline,
            features="all_features",
            metric_thresholds=DataDriftMetricThreshold(
                numerical=NumericalDriftMetrics(population_stability_index=psi),
                categorical=CategoricalDriftMetrics(population_stability_index=psi),
            ),
            alert_enabled=True,
        ),
        "prediction_drift": PredictionDriftSignal(
            production_data=outputs,
            reference_data=baseline,
            metric_thresholds=_prediction_thresholds(contract.task, psi),
            alert_enabled=True,
        ),
        "data_quality": DataQualitySignal(
            production_data=inputs,
            reference_data=baseline,
            features="all_features",
            metric_thresholds=DataQualityMetricThreshold(
                numerical=DataQualityMetricsNumerical(
                    null_value_rate=invalid, out_of_bounds_rate=invalid
                ),
                categorical=DataQualityMetricsCategorical(
                    null_value_rate=invalid, out_of_bounds_rate=invalid
                ),
            ),
            alert_enabled=True,
        ),
    }
    return MonitorSchedule(
        name=monitor_schedule(model_name, config),
        trigger=RecurrenceTrigger(
            frequency="day", interval=1, schedule=RecurrencePattern(hours=3, minutes=0)
        ),
        create_monitor=MonitorDefinition(
            compute=MONITOR_COMPUTE,
            monitoring_target=MonitoringTarget(
                ml_task=MonitorTargetTasks.REGRESSION
                if contract.task == "regression"
                else MonitorTargetTasks.CLASSIFICATION,
                endpoint_deployment_id=f"azureml:{endpoint}:{deployment}",
            ),
            monitoring_signals=signals,
            alert_notification="azmonitoring",
        ),
        tags={"environment": config.name, "model": model_name},
    )
    # --8<-- [end:monitor]


# --8<-- [start:retraining]
def retraining_schedule_entity(job: PipelineJob | str) -> JobSchedule:
    """The weekly schedule that re-runs the training pipeline.

    Args:
        job: The training pipeline job, or (in YAML) the path of its file.

    Returns:
        A ``JobSchedule`` with a cron trigger (:data:`RETRAIN_CRON`, UTC).
    """
    return JobSchedule(
        name=retraining_schedule(TRAINING_PIPELINE.name),
        display_name="Weekly retraining",
        description="Re-run the training pipeline; its gate decides on promotion.",
        trigger=CronTrigger(expression=RETRAIN_CRON, time_zone="UTC"),
        create_job=job,
    )
    # --8<-- [end:retraining]


def write_baseline(folder: Path, csv: Path) -> Path:
    """Lay out the baseline ``mltable`` folder: the CSV and an ``MLTable`` file reading it.

    Args:
        folder: Folder to create.
        csv: The training CSV.

    Returns:
        ``folder``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(csv, folder / csv.name)
    (folder / "MLTable").write_text(
        f"paths:\n  - file: ./{csv.name}\n"
        "transformations:\n"
        "  - read_delimited:\n"
        "      delimiter: ','\n"
        "      encoding: utf8\n"
        "      header: all_files_same_headers\n",
        encoding="utf-8",
    )
    return folder


def baseline_data(folder: Path, version: str = BASELINE_DATA_VERSION) -> Data:
    """The baseline data asset, read from a folder made by :func:`write_baseline`.

    Args:
        folder: The ``mltable`` folder.
        version: Its version (the training data asset's version it copies).

    Returns:
        A ``Data`` asset of type ``mltable`` at that explicit version.
    """
    return Data(
        name=BASELINE_DATA_ASSET,
        version=version,
        type=AssetTypes.MLTABLE,
        path=str(folder),
        description="Training data the model monitor compares production data with.",
    )


def ensure_baseline(
    ml_client: MLClient, folder: Path, training_csv: Callable[[Path], Path], version: str
) -> str:
    """Register the baseline data asset unless the workspace already has that version.

    Args:
        ml_client: Client of the monitored workspace.
        folder: Scratch folder for the ``mltable`` layout.
        training_csv: Writes the training CSV into the folder it is given and returns its
            path; called only when the version is missing (it may download the data).
        version: The baseline version (the training data asset's version).

    Returns:
        ``"exists"`` or ``"created"``.
    """
    try:
        ml_client.data.get(BASELINE_DATA_ASSET, version=version)
        return "exists"
    except ResourceNotFoundError:
        layout = write_baseline(folder / "mltable", training_csv(folder / "source"))
        ml_client.data.create_or_update(baseline_data(layout, version))
        return "created"
