"""Typed shape of an environment's configuration file."""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from reference_impl.config.param_text import NO_PARAMS, params_text
from reference_impl.config.patterns import (
    DATASTORE,
    ESTIMATOR,
    MODEL_NAME,
    SUBSCRIPTION_ID,
    TRAIN_FUNCTION,
    VM_SIZE,
    WORKSPACE,
)
from reference_impl.datastores import LAKE_DATASTORES

DatastoreName = Annotated[str, Field(pattern=DATASTORE)]
"""An Azure ML datastore's name: letters, digits and underscores."""


class Strict(BaseModel):
    """Base model that rejects unknown keys, so a typo in YAML is an error, not a silent default.

    Numbers are numbers: ``true`` is not ``1`` and ``.inf`` or ``.nan`` is no threshold.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _no_booleans_as_numbers(cls, value: object, info: ValidationInfo) -> object:
        field = cls.model_fields.get(info.field_name or "")
        if isinstance(value, bool) and field is not None and _takes_a_number(field.annotation):
            raise ValueError(f"expected a number, got {str(value).lower()}")
        return value


def _takes_a_number(annotation: object) -> bool:
    """Whether a field is a number, or a number or ``None`` (``float | None``)."""
    return annotation in (int, float) or any(arg in (int, float) for arg in get_args(annotation))


class AzureWorkspace(Strict):
    """Where the environment lives in Azure.

    Attributes:
        subscription_id: Azure subscription GUID.
        resource_group: Resource group holding the workspace.
        workspace: Azure ML workspace name.
        location: Azure region, e.g. ``westeurope``.
        registry: Shared Azure ML registry used to promote models between environments.
    """

    subscription_id: str = Field(pattern=SUBSCRIPTION_ID)
    resource_group: str = Field(min_length=1, max_length=90)
    workspace: str = Field(pattern=WORKSPACE)
    location: str = Field(min_length=2)
    registry: str = Field(min_length=3)


class ComputeSpec(Strict):
    """An Azure ML compute cluster that scales to zero when idle.

    Attributes:
        name: Compute target name in the workspace.
        size: VM size (SKU), e.g. ``Standard_DS3_v2``.
        min_instances: Nodes kept warm; ``0`` means pay nothing while idle.
        max_instances: Upper bound of the autoscaler.
        idle_seconds: Seconds before an idle node is released.
    """

    name: str = Field(min_length=2, max_length=24)
    size: str = Field(pattern=VM_SIZE)
    min_instances: int = Field(default=0, ge=0)
    max_instances: int = Field(default=2, ge=1)
    idle_seconds: int = Field(default=900, ge=60)

    @model_validator(mode="after")
    def _min_within_max(self) -> ComputeSpec:
        if self.min_instances > self.max_instances:  # Azure ML would refuse the cluster
            raise ValueError(
                f"min_instances ({self.min_instances}) is above max_instances "
                f"({self.max_instances})"
            )
        return self


LATEST_VERSION = "latest"
"""The ``validate`` step's ``--data_version`` when ``data.version`` is unset."""


class DataSection(Strict):
    """Where the training data may come from, and the rules the ``validate`` step applies to it.

    Attributes:
        min_rows: Fewest rows a training file may have.
        contract: The data contract file: relative to the configuration folder (it then
            travels with an Azure ML job's code snapshot) or absolute.
        datastores: The workspace's datastores over the organisation's data that
            ``train --target azureml --data azureml://datastores/<name>/paths/...`` may
            name, besides the system ones every workspace has: those ``infra/`` creates,
            and any registered by hand, such as a OneLake datastore over a Fabric lakehouse.
        version: The version of a Delta table to train on (Delta time travel), such as
            the ``data_version`` a registered model carries; unset: the newest version.
        training: What ``train`` reads when no ``--data`` is given, in any form ``--data``
            takes: a path (relative to where the command runs; ``~`` is the home folder)
            or, for ``--target azureml``, a datastore URI or data asset; unset: the sample
            CSV.
    """

    min_rows: int = Field(default=1000, ge=10)
    contract: str = Field(default="contract.yaml", min_length=1)
    datastores: tuple[DatastoreName, ...] = LAKE_DATASTORES
    version: int | None = Field(default=None, ge=0)
    training: str | None = Field(default=None, min_length=1)

    @property
    def version_text(self) -> str:
        """``version`` as the ``validate`` step's argument: ``latest`` when it is not set."""
        return LATEST_VERSION if self.version is None else str(self.version)

    @field_validator("datastores")
    @classmethod
    def _some_datastore(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        if not names:  # an empty list would refuse every datastore URI
            raise ValueError(
                "list at least one datastore (infra/ creates raw, curated and predictions)"
            )
        return names


class TrainingSection(Strict):
    """How the ``prep`` and ``train`` steps split the data.

    Attributes:
        seed: Seed of every random choice in training.
        holdout_percent: Share of rows kept aside (chosen by a hash of the id).
    """

    seed: int = Field(default=42, ge=0, le=2**32 - 1)  # what numpy and scikit-learn take
    holdout_percent: int = Field(default=20, ge=5, le=50)


ParamValue = int | float | str | bool | None | list[Any] | dict[Any, Any]
"""A ``model.params`` value: a YAML scalar, or a list or mapping of them (checked in depth)."""


class ModelSection(Strict):
    """Which estimator the ``train`` step fits, and with which parameters.

    Attributes:
        estimator: Import path of a scikit-learn-compatible estimator class.
        params: Its keyword arguments, one per line; ``--set model.params.NAME=VALUE``
            changes or adds one.
        train_function: Your own training code instead of the estimator, as
            ``package.module:function``; ``params`` become its keyword arguments.
    """

    estimator: str = Field(
        default="sklearn.ensemble.HistGradientBoostingClassifier",
        pattern=ESTIMATOR,
    )
    params: dict[str, ParamValue] = Field(default_factory=dict)
    train_function: str | None = Field(default=None, pattern=TRAIN_FUNCTION)

    @field_validator("params", mode="before")
    @classmethod
    def _plain_values(cls, params: object) -> object:
        if not isinstance(params, dict):
            return params  # pydantic says it is no mapping
        for name, value in params.items():
            if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_]\w*", name):
                raise ValueError(f"{name!r} is not a parameter name")
            if problem := _param_problem(value):
                raise ValueError(f"{name}: {problem}")
        return params

    @property
    def params_text(self) -> str:
        """``params`` as one word of a step's command line (see :mod:`.param_text`)."""
        return params_text(self.params)

    @property
    def train_function_text(self) -> str:
        """``train_function`` as the ``train`` step's argument: ``none`` when it is not set."""
        return self.train_function or NO_PARAMS


def _param_problem(value: object) -> str | None:
    """Why ``value`` cannot be a ``model.params`` value, in one sentence, or ``None``.

    Any YAML scalar, list or mapping can, as deep as it goes, except a number that is not
    finite and what YAML reads as a date. Checked before pydantic, whose own answer named
    each member of :data:`ParamValue` in turn.
    """
    if isinstance(value, list):
        return next((p for item in value if (p := _param_problem(item))), None)
    if isinstance(value, dict):
        items = [*value.keys(), *value.values()]
        return next((p for item in items if (p := _param_problem(item))), None)
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value} is not a finite number"
    if value is not None and not isinstance(value, int | float | str):
        return (
            f"{value} is not a number, a word, true/false, null, a list or a mapping "
            "(quote a date to pass it as a word)"
        )
    return None


class EvaluationSection(Strict):
    """How the ``evaluate`` step turns probabilities into decisions.

    Attributes:
        threshold: Probability from which a row is flagged as positive (the decision output).
    """

    threshold: float = Field(default=0.35, gt=0, lt=1)


class GateSection(Strict):
    """Rules a challenger must pass to become ``champion``.

    Attributes:
        metric: Holdout metric compared between challenger and champion.
        direction: Whether a ``higher`` or a ``lower`` ``metric`` is better (the errors
            ``log_loss``, ``brier``, ``rmse`` and ``mae``: lower); checked against the metric,
            so it cannot be flipped by mistake.
        min_improvement: Smallest gain over the champion's ``metric`` that promotes (a fall
            of an error metric is a gain).
        min_roc_auc: Absolute floor of the holdout ROC AUC (classification).
        min_recall: Absolute floor of the holdout recall at the threshold (classification;
            macro recall for multi-class).
        min_r2: Absolute floor of the holdout R² (regression; 0 is predicting the mean).
        max_segment_recall_gap: Largest allowed recall difference between segments
            (classification).
        max_segment_error_ratio: Largest allowed ratio of the worst segment's mean absolute
            error to the best segment's (regression).
        max_champion_drop: Largest fall of the champion's ROC AUC (a regressor's R²) on
            today's holdout below the figure it was registered with; a larger fall means the
            new data is suspect and stops the run (exit 4) instead of making the champion look
            weak.
        reference_tolerance: How far the challenger may stay behind the champion's ``metric``
            on the champion's reference holdout (the rows it was approved on).
    """

    metric: Literal[
        "roc_auc", "pr_auc", "f1", "log_loss", "brier", "accuracy", "macro_f1", "rmse", "mae", "r2"
    ] = "roc_auc"
    direction: Literal["higher", "lower"] = "higher"
    min_improvement: float = Field(default=0.002, ge=0, le=1)
    min_roc_auc: float = Field(default=0.70, ge=0, le=1)
    min_recall: float = Field(default=0.50, ge=0, le=1)
    min_r2: float = Field(default=0.0, le=1)
    max_segment_recall_gap: float = Field(default=0.25, ge=0, le=1)
    max_segment_error_ratio: float = Field(default=2.0, ge=1)
    max_champion_drop: float = Field(default=0.10, ge=0, le=1)
    reference_tolerance: float = Field(default=0.01, ge=0, le=1)

    @model_validator(mode="after")
    def _direction_fits_the_metric(self) -> GateSection:
        from reference_impl.modeling.metric_direction import direction_of

        expected = direction_of(self.metric)
        if self.direction != expected:
            raise ValueError(
                f"direction is {self.direction} but a {expected} {self.metric} is better; "
                f"set gate.direction: {expected}"
            )
        return self


def _project_model_name() -> str:
    from reference_impl.config.project import load_project

    return load_project().model_name


class RegistrySection(Strict):
    """Where models are registered.

    Attributes:
        model_name: Registered model name (aliases ``champion`` and ``challenger``); defaults to
            the project's ``model_name`` (``config/project.yaml``).
    """

    model_name: str = Field(default_factory=_project_model_name, pattern=MODEL_NAME)


class MonitoringSection(Strict):
    """When the drift monitor recommends retraining.

    Attributes:
        bins: Quantile bins per numeric feature in the training baseline.
        psi_threshold: Population stability index from which a feature counts as drifted.
        min_drifted_features: Drifted features that trigger a retraining recommendation.
        max_invalid_share: Share of empty or out-of-range values that raises a quality alert.
        min_rows: Fewest rows of a batch worth comparing; a smaller batch is refused as bad
            input rather than read as drift.
    """

    bins: int = Field(default=10, ge=2, le=50)
    psi_threshold: float = Field(default=0.2, gt=0)
    min_drifted_features: int = Field(default=1, ge=1)
    max_invalid_share: float = Field(default=0.01, ge=0, le=1)
    min_rows: int = Field(default=100, ge=1)

    def never_recommends(self, features: int) -> str | None:
        """Why drift could never recommend retraining a model of ``features`` features.

        Args:
            features: How many features the model's contract lists.

        Returns:
            One sentence naming the key, or ``None`` when the threshold can be reached.
        """
        if self.min_drifted_features <= features:
            return None
        return (
            f"monitoring.min_drifted_features is {self.min_drifted_features}, but the contract "
            f"has {features} feature(s): drift could never recommend retraining"
        )


class EnvironmentConfig(Strict):
    """Everything that differs between ``dev``, ``test`` and ``prod``.

    The ML sections have defaults, so a file only lists what it changes.

    Attributes:
        name: The environment this file describes.
        azure: Workspace coordinates.
        compute: Training cluster.
        data: Training-data rules.
        training: Seed and holdout split.
        model: Estimator and its parameters.
        evaluation: Decision threshold.
        gate: Promotion rules.
        registry: Registered model name.
        monitoring: Drift rules.
    """

    name: Literal["dev", "test", "prod"]
    azure: AzureWorkspace
    compute: ComputeSpec
    data: DataSection = Field(default_factory=DataSection)
    training: TrainingSection = Field(default_factory=TrainingSection)
    model: ModelSection = Field(default_factory=ModelSection)
    evaluation: EvaluationSection = Field(default_factory=EvaluationSection)
    gate: GateSection = Field(default_factory=GateSection)
    registry: RegistrySection = Field(default_factory=RegistrySection)
    monitoring: MonitoringSection = Field(default_factory=MonitoringSection)
