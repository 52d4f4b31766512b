"""The data contract of the sample use case: one description of every column, used everywhere.

The generator, the ``validate`` step, the training pipeline, the scoring scripts and the
drift monitor all read this one object, so a column cannot be renamed or re-ranged in one
place and forgotten in another. The contract is also stored inside every logged model
(MLflow ``metadata``), so a served model checks requests against the contract it was
trained with, not against whatever the code says today.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FeatureKind = Literal["integer", "number", "category"]


class Feature(BaseModel):
    """One input column of the model.

    Attributes:
        name: Column name in CSV files and scoring requests.
        kind: ``integer`` (whole numbers), ``number`` (decimals) or ``category`` (text).
        description: What the column means, for the data README and error messages.
        minimum: Smallest allowed value (numeric kinds only).
        maximum: Largest allowed value (numeric kinds only).
        categories: Allowed values (``category`` only).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    kind: FeatureKind
    description: str
    minimum: float | None = None
    maximum: float | None = None
    categories: tuple[str, ...] = ()

    @property
    def is_numeric(self) -> bool:
        """Whether the column holds numbers (``integer`` or ``number``)."""
        return self.kind != "category"


class DataContract(BaseModel):
    """Columns, label, identifier and segment of the use case.

    Attributes:
        features: Model inputs, in the order the model sees them.
        label: Name of the 0/1 target column (``1`` = the customer cancelled).
        id_column: Customer identifier: required in training data, never a model input.
        segment: Categorical feature used for per-segment (responsible-AI) metrics.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    features: tuple[Feature, ...] = Field(min_length=1)
    label: str
    id_column: str
    segment: str

    @property
    def feature_names(self) -> list[str]:
        """Names of all model inputs, in order."""
        return [feature.name for feature in self.features]

    @property
    def numeric(self) -> list[Feature]:
        """The numeric features, in order."""
        return [feature for feature in self.features if feature.is_numeric]

    @property
    def categorical(self) -> list[Feature]:
        """The categorical features, in order."""
        return [feature for feature in self.features if not feature.is_numeric]

    def feature(self, name: str) -> Feature:
        """Return the feature called ``name``.

        Args:
            name: A feature name.

        Returns:
            The matching feature.

        Raises:
            KeyError: If no feature has that name.
        """
        for feature in self.features:
            if feature.name == name:
                return feature
        raise KeyError(name)


CONTRACT = DataContract(
    label="cancelled",
    id_column="customer_id",
    segment="region",
    features=(
        Feature(name="tenure_months", kind="integer", minimum=0, maximum=72,
                description="months since the customer signed up"),
        Feature(name="monthly_charges", kind="number", minimum=10, maximum=200,
                description="current monthly bill in EUR"),
        Feature(name="total_charges", kind="number", minimum=0, maximum=15000,
                description="everything billed so far in EUR"),
        Feature(name="contract", kind="category",
                categories=("month-to-month", "one-year", "two-year"),
                description="commitment period of the current contract"),
        Feature(name="plan", kind="category", categories=("basic", "standard", "premium"),
                description="subscription tier"),
        Feature(name="payment_method", kind="category",
                categories=("card", "bank-transfer", "e-check", "paper-invoice"),
                description="how the customer pays"),
        Feature(name="region", kind="category", categories=("north", "south", "east", "west"),
                description="sales region; the segment for per-segment metrics"),
        Feature(name="support_calls_90d", kind="integer", minimum=0, maximum=30,
                description="calls to customer support in the last 90 days"),
        Feature(name="data_usage_gb", kind="number", minimum=0, maximum=500,
                description="mobile data used last month in GB"),
        Feature(name="late_payments_12m", kind="integer", minimum=0, maximum=12,
                description="late payments in the last 12 months"),
        Feature(name="age", kind="integer", minimum=18, maximum=100,
                description="age of the account holder in years"),
    ),
)  # fmt: skip
