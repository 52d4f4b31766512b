"""Generative AI workloads: what changes, which platform, what of the accelerator applies."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table

ModelSource = Literal["hosted-api", "open-weights", "own-model"]
FineTune = Literal["none", "hosted", "own-gpus"]
Platform = Literal["Microsoft Foundry", "Azure Machine Learning"]


class GenAiWorkload(BaseModel):
    """What a generative AI workload is built from.

    Attributes:
        model_source: ``hosted-api`` (a model offered as a service, e.g. Azure OpenAI in
            Foundry); ``open-weights`` (a model whose weights you deploy); ``own-model`` (a
            model you train from your own data — not generative AI in this sense).
        agent: Whether the application plans and calls tools on its own.
        fine_tune: ``none``; ``hosted`` (fine-tuning offered by the service); ``own-gpus``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    model_source: ModelSource
    agent: bool = False
    fine_tune: FineTune = "none"

    @model_validator(mode="after")
    def _consistent(self) -> GenAiWorkload:
        if self.model_source == "hosted-api" and self.fine_tune == "own-gpus":
            raise ValueError("fine_tune 'own-gpus' needs open weights, not a hosted-api model")
        if self.model_source == "own-model" and (self.agent or self.fine_tune != "none"):
            raise ValueError("model_source 'own-model' takes no agent or fine_tune")
        return self


class PlatformChoice(BaseModel):
    """Where to build a workload, and what of the accelerator carries over.

    Attributes:
        platform: Microsoft Foundry or Azure Machine Learning.
        also: The other platform's part, if any.
        reason: Why, in a sentence.
    """

    model_config = ConfigDict(frozen=True)

    platform: Platform
    also: str
    reason: str


class Change(BaseModel):
    """One aspect that changes between classic ML and generative AI."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    aspect: str
    classic: str
    generative: str


class Applies(BaseModel):
    """How one part of the accelerator applies to generative AI."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    part: str
    how: Literal[
        "as is", "adapted", "only for fine-tuning", "only for self-hosted models", "replaced"
    ]
    note: str


class Case(BaseModel):
    """A named workload for the decision table."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    when: str
    workload: GenAiWorkload


class GenAiData(BaseModel):
    """Everything in ``data/generative_ai.yaml``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    checked_on: dt.date
    changes: tuple[Change, ...]
    applies: tuple[Applies, ...]
    cases: tuple[Case, ...]


@cache
def genai_data() -> GenAiData:
    """Return the validated generative AI guidance data.

    Returns:
        The data in ``data/generative_ai.yaml``.
    """
    return load_data("generative_ai", GenAiData)


# --8<-- [start:recommend-platform]
def recommend_platform(workload: GenAiWorkload) -> PlatformChoice:
    """Recommend where to build a workload.

    Args:
        workload: What the workload is built from.

    Returns:
        The platform, the other platform's part, and why.
    """
    if workload.model_source == "own-model":
        return PlatformChoice(
            platform="Azure Machine Learning",
            also="—",
            reason="you train the model: this accelerator applies as written",
        )
    if workload.fine_tune == "own-gpus":
        return PlatformChoice(
            platform="Azure Machine Learning",
            also="Foundry for evaluation and the application around the model",
            reason="fine-tuning on your own GPU compute is a training pipeline",
        )
    if workload.agent:
        return PlatformChoice(
            platform="Microsoft Foundry",
            also="Azure ML only for a custom model the agent calls as a tool",
            reason="agents, tools, tracing and evaluation are built into Foundry",
        )
    if workload.fine_tune == "hosted":
        return PlatformChoice(
            platform="Microsoft Foundry",
            also="—",
            reason="the service fine-tunes and hosts the result; evaluate it against the base",
        )
    if workload.model_source == "open-weights":
        return PlatformChoice(
            platform="Microsoft Foundry",
            also="Azure ML if you must run it on your own managed compute",
            reason="deploy it from the model catalogue; no weights to manage yourself",
        )
    return PlatformChoice(
        platform="Microsoft Foundry",
        also="—",
        reason="the model is offered as a service: deploy, evaluate and filter it in Foundry",
    )
    # --8<-- [end:recommend-platform]


def platform_table() -> str:
    """Render the platform rule as a decision table, one row per case, computed by the rule.

    Returns:
        One row per case: the platform, the other platform's part and the reason.
    """
    rows = []
    for case in genai_data().cases:
        choice = recommend_platform(case.workload)
        rows.append((case.when, f"**{choice.platform}**", choice.also, choice.reason))
    return markdown_table(["Your workload", "Build on", "Also", "Why"], rows)


def changes_table() -> str:
    """Render what changes between classic ML and generative AI.

    Returns:
        One row per aspect.
    """
    return markdown_table(
        ["Aspect", "Classic ML (this accelerator)", "Foundation model or agent"],
        [(c.aspect, c.classic, c.generative) for c in genai_data().changes],
    )


def applies_table() -> str:
    """Render which parts of the accelerator still apply.

    Returns:
        One row per part: how it applies and what to adapt.
    """
    return markdown_table(
        ["Part of the accelerator", "Applies", "What to adapt"],
        [(a.part, a.how, a.note) for a in genai_data().applies],
    )
