"""Where features are computed and served, and how training/serving skew is avoided."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table

OptionId = Literal["in-model", "platform-tables", "managed-feature-store"]


class FeatureFacts(BaseModel):
    """What a team knows about its features.

    Attributes:
        shared_across_models: The same features feed more than one model.
        online_lookup: Online scoring must look features up (they are not in the request).
        point_in_time_joins: Training must join features as they were at each label date.
        data_team_owns_features: The data platform team already computes these features.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    shared_across_models: bool = False
    online_lookup: bool = False
    point_in_time_joins: bool = False
    data_team_owns_features: bool = False


class FeatureOption(BaseModel):
    """One place to compute and serve features."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: OptionId
    name: str
    computed_by: str
    served_by: str
    good_for: str


class FeatureRule(BaseModel):
    """If every fact in ``when`` holds, choose ``option``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    when: dict[str, bool]
    option: OptionId
    because: str


class SkewCause(BaseModel):
    """A cause of training/serving skew and the reference implementation's answer."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    cause: str
    avoided_by: str
    checked_by: str


class FeatureStoreData(BaseModel):
    """Everything in ``data/feature_store.yaml``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    options: tuple[FeatureOption, ...]
    rules: tuple[FeatureRule, ...]
    skew: tuple[SkewCause, ...]


class FeaturePlacement(BaseModel):
    """Where to compute and serve features, and why."""

    model_config = ConfigDict(frozen=True)

    option: FeatureOption
    because: str


@cache
def feature_store_data() -> FeatureStoreData:
    """Return the validated options, rules and skew causes.

    Returns:
        The data in ``data/feature_store.yaml``.

    Raises:
        ValueError: If a rule names an unknown fact or the last rule is not unconditional.
    """
    data = load_data("feature_store", FeatureStoreData)
    for rule in data.rules:
        unknown = set(rule.when) - set(FeatureFacts.model_fields)
        if unknown:
            raise ValueError(f"rule for {rule.option} names unknown facts {sorted(unknown)}")
    if data.rules[-1].when:
        raise ValueError("the last rule must have no conditions (the default)")
    return data


# --8<-- [start:place-features]
def place_features(facts: FeatureFacts) -> FeaturePlacement:
    """Choose where features are computed and served: the first rule that holds.

    Args:
        facts: What the team knows about its features.

    Returns:
        The option and the reason.
    """
    data = feature_store_data()
    for rule in data.rules:
        if all(getattr(facts, name) == value for name, value in rule.when.items()):
            option = next(o for o in data.options if o.id == rule.option)
            return FeaturePlacement(option=option, because=rule.because)
    raise AssertionError("unreachable: the last rule always matches")
    # --8<-- [end:place-features]


def options_table() -> str:
    """Render the three places features can live.

    Returns:
        One row per option.
    """
    return markdown_table(
        ["Option", "Computed by", "Served by", "Good for"],
        [
            (f"**{o.name}**", o.computed_by, o.served_by, o.good_for)
            for o in feature_store_data().options
        ],
    )


def rules_table() -> str:
    """Render the rules in the order they are tried.

    Returns:
        One row per rule.
    """
    data = feature_store_data()
    names = {o.id: o.name for o in data.options}
    return markdown_table(
        ["#", "When", "Choose", "Because"],
        [
            (
                i,
                ", ".join(f"`{k}`" for k, v in r.when.items() if v) or "anything else",
                names[r.option],
                r.because,
            )
            for i, r in enumerate(data.rules, start=1)
        ],
    )


def skew_table() -> str:
    """Render the causes of skew and how the reference implementation avoids them.

    Returns:
        One row per cause.
    """
    return markdown_table(
        ["Cause of skew", "Avoided by", "Checked by"],
        [(s.cause, s.avoided_by, s.checked_by) for s in feature_store_data().skew],
    )
