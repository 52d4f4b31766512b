"""Databricks or Azure ML: which platform does which part of the ML work, from a few facts."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table

PatternId = Literal["features-in-platform", "train-in-databricks", "all-in-azure-ml"]
Volume = Literal["small", "medium", "large"]


class PlatformFacts(BaseModel):
    """What a team knows about its data platform and its model.

    Attributes:
        spark_platform: A Databricks or Fabric Spark platform already runs in the organisation.
        spark_skills: The people who would build the model write Spark today.
        unity_catalog: Unity Catalog is the governance layer for data (and models).
        data_volume: ``small`` (fits one node), ``medium`` or ``large`` (needs Spark to prepare).
        gpu_training: The model trains on GPUs.
        online_serving: The model answers requests online (not only in batch).
        regulatory_lineage: A regulator asks which data and code produced each model.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    spark_platform: bool
    spark_skills: bool = False
    unity_catalog: bool = False
    data_volume: Volume = "medium"
    gpu_training: bool = False
    online_serving: bool = False
    regulatory_lineage: bool = False


class Pattern(BaseModel):
    """One way of sharing the work between the data platform and Azure ML.

    Attributes:
        id: Stable identifier.
        name: What the pattern is called on the page.
        data_platform: What Databricks or Fabric does.
        azure_ml: What Azure ML does.
        model_registry: Where models are registered.
        lineage: How a deployed model is traced back to its data.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: PatternId
    name: str
    data_platform: str
    azure_ml: str
    model_registry: str
    lineage: str


class Rule(BaseModel):
    """If every fact in ``when`` has the given value, choose ``pattern``.

    Attributes:
        when: Fact name to required value; empty means always.
        pattern: The pattern chosen.
        because: The reason, in a sentence.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    when: dict[str, bool | str]
    pattern: PatternId
    because: str


class Example(BaseModel):
    """A named set of facts shown on the page."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    facts: PlatformFacts


class DataPlatformData(BaseModel):
    """Everything in ``data/data_platform.yaml``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    patterns: tuple[Pattern, ...]
    rules: tuple[Rule, ...]
    examples: tuple[Example, ...]


class Split(BaseModel):
    """The recommended split and why.

    Attributes:
        pattern: The chosen pattern.
        because: The reason of the rule that chose it.
    """

    model_config = ConfigDict(frozen=True)

    pattern: Pattern
    because: str


@cache
def data_platform_data() -> DataPlatformData:
    """Return the validated patterns, rules and examples.

    Returns:
        The data in ``data/data_platform.yaml``.

    Raises:
        ValueError: If a rule names an unknown fact or the last rule is not unconditional.
    """
    data = load_data("data_platform", DataPlatformData)
    for rule in data.rules:
        unknown = set(rule.when) - set(PlatformFacts.model_fields)
        if unknown:
            raise ValueError(f"rule for {rule.pattern} names unknown facts {sorted(unknown)}")
    if data.rules[-1].when:
        raise ValueError("the last rule must have no conditions (the default)")
    return data


def pattern(pattern_id: str) -> Pattern:
    """Return one pattern by id.

    Args:
        pattern_id: E.g. ``"features-in-platform"``.

    Returns:
        The pattern.

    Raises:
        KeyError: If no pattern has that id.
    """
    for p in data_platform_data().patterns:
        if p.id == pattern_id:
            return p
    raise KeyError(f"no pattern {pattern_id!r}")


# --8<-- [start:recommend-split]
def recommend_split(facts: PlatformFacts) -> Split:
    """Choose who does what: the first rule whose conditions all hold.

    Args:
        facts: What the team knows about its platform and model.

    Returns:
        The pattern and the reason.
    """
    for rule in data_platform_data().rules:
        if all(getattr(facts, name) == value for name, value in rule.when.items()):
            return Split(pattern=pattern(rule.pattern), because=rule.because)
    raise AssertionError("unreachable: the last rule always matches")
    # --8<-- [end:recommend-split]


def patterns_table() -> str:
    """Render the three patterns side by side.

    Returns:
        One row per pattern: what each platform does, the registry and the lineage.
    """
    return markdown_table(
        ["Pattern", "Data platform", "Azure ML", "Model registry", "Lineage"],
        [
            (f"**{p.name}**", p.data_platform, p.azure_ml, p.model_registry, p.lineage)
            for p in data_platform_data().patterns
        ],
    )


def rules_table() -> str:
    """Render the rules in the order they are tried.

    Returns:
        One row per rule: the conditions, the pattern and the reason.
    """

    def conditions(when: dict[str, bool | str]) -> str:
        if not when:
            return "anything else"
        return ", ".join(f"`{k}` = {str(v).lower()}" for k, v in when.items())

    return markdown_table(
        ["#", "When", "Pattern", "Because"],
        [
            (i, conditions(r.when), pattern(r.pattern).name, r.because)
            for i, r in enumerate(data_platform_data().rules, start=1)
        ],
    )


def examples_table() -> str:
    """Render the recommendation for each example.

    Returns:
        One row per example team: the pattern chosen and why.
    """
    rows = []
    for example in data_platform_data().examples:
        split = recommend_split(example.facts)
        rows.append((example.name, split.pattern.name, split.because))
    return markdown_table(["Team", "Pattern", "Because"], rows)
