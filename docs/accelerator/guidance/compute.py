"""Compute selection: a catalogue of VM sizes and a rule that picks compute for a workload."""

from __future__ import annotations

import datetime as dt
import math
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table

WorkloadKind = Literal["training", "tuning", "batch-inference", "online-inference"]
GpuNeed = Literal["none", "small", "large", "multi"]
SizeStatus = Literal["current", "previous-generation", "retired"]
ComputeTarget = Literal["serverless", "compute-cluster", "managed-online-endpoint"]

# Rules of thumb, stated once so the page and the tests use the same numbers.
MEMORY_PER_GB_OF_DATA = 2  # in-memory training needs roughly twice the data size in RAM
LOW_LATENCY_MS = 100  # below this p95 target, use compute-optimised CPU for online scoring
GB_PER_BATCH_NODE = 10  # one batch-scoring node per ~10 GB of input
MAX_BATCH_NODES = 10
PRODUCTION_ONLINE_INSTANCES = 3  # keep serving through a node failure or an upgrade

# The sizes the rule picks from, by role. Each must be ``current`` in the catalogue.
CPU_TRAINING_LADDER = ("Standard_D4as_v5", "Standard_E8as_v5", "Standard_E16as_v5")
GENERAL_PURPOSE = "Standard_D4as_v5"
COMPUTE_OPTIMISED = "Standard_F8as_v6"
GPU_SMALL = "Standard_NC4as_T4_v3"
GPU_LARGE_TRAINING = "Standard_NC24ads_A100_v4"
GPU_LARGE_SERVING = "Standard_NC40ads_H100_v5"
GPU_MULTI = "Standard_ND96isr_H100_v5"


class RetiredSizeError(ValueError):
    """The rule was about to recommend a VM size that is not current."""


class VmSize(BaseModel):
    """One VM size in the catalogue.

    Attributes:
        vm_size: Azure VM size name, e.g. ``Standard_DS3_v2``.
        family: VM family and series.
        vcpus: Virtual CPUs.
        memory_gib: Memory in GiB.
        gpus: Number of GPUs (0 for CPU sizes).
        gpu: GPU model and memory, or ``None``.
        status: ``current``, ``previous-generation`` or ``retired``.
        retired_on: The date Azure retired the size (retired sizes only).
        good_for: The workloads it suits.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    vm_size: str = Field(pattern=r"^Standard_[A-Za-z0-9_]+$")
    family: str
    vcpus: int = Field(ge=1)
    memory_gib: int = Field(ge=1)
    gpus: int = Field(ge=0)
    gpu: str | None
    status: SizeStatus
    retired_on: dt.date | None = None
    good_for: str

    @model_validator(mode="after")
    def _retired_has_a_date(self) -> VmSize:
        if (self.status == "retired") != (self.retired_on is not None):
            raise ValueError(
                f"{self.vm_size}: retired_on is required for a retired size and only for one"
            )
        return self


class Workload(BaseModel):
    """What a workload needs, in terms a data scientist can answer.

    Attributes:
        kind: ``training``, ``tuning``, ``batch-inference`` or ``online-inference``.
        data_size_gb: Size of the data one run reads (training) or scores (batch).
        gpu: ``none``; ``small`` (fits one 16 GB GPU: small deep-learning models);
            ``large`` (needs one 80 GB GPU: large deep-learning models); ``multi`` (needs
            several GPUs with a fast interconnect: foundation-model fine-tuning).
        latency_target_ms: p95 latency target of an online endpoint.
        budget_sensitive: Whether cost matters more than speed or convenience.
        parallel_trials: Trials run at the same time (tuning only).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: WorkloadKind
    data_size_gb: float = Field(default=0, ge=0)
    gpu: GpuNeed = "none"
    latency_target_ms: int | None = Field(default=None, gt=0)
    budget_sensitive: bool = False
    parallel_trials: int = Field(default=1, ge=1)

    @model_validator(mode="after")
    def _online_needs_latency(self) -> Workload:
        if self.kind == "online-inference" and self.latency_target_ms is None:
            raise ValueError("an online-inference workload needs latency_target_ms")
        return self


class ComputeRecommendation(BaseModel):
    """The compute to use for a workload.

    Attributes:
        target: ``serverless`` compute, a ``compute-cluster``, or a ``managed-online-endpoint``.
        vm_size: VM size from the catalogue.
        min_instances: Nodes or instances kept running (0 scales to zero).
        max_instances: Upper bound for the autoscaler or the job.
        low_priority: Whether to use low-priority (pre-emptible) nodes.
        reason: Why, in a sentence.
    """

    model_config = ConfigDict(frozen=True)

    target: ComputeTarget
    vm_size: str
    min_instances: int
    max_instances: int
    low_priority: bool
    reason: str


class ComputeExample(BaseModel):
    """A named example workload shown on the compute-selection page.

    Attributes:
        name: What the workload is.
        workload: Its needs.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    workload: Workload


class RuleCase(BaseModel):
    """One branch of the rule, in a reader's words, with a workload that takes it.

    Attributes:
        when: The situation, as a reader would say it.
        workload: A workload in that situation.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    when: str
    workload: Workload


class ComputeTargetInfo(BaseModel):
    """A kind of Azure ML compute.

    Attributes:
        name: Short name used by the rule (``serverless``, ``compute-cluster``, ...).
        what: What it is.
        when: When to use it.
        billing: What you pay for.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    what: str
    when: str
    billing: str


class ComputeData(BaseModel):
    """Everything in ``data/compute.yaml``.

    Attributes:
        checked_on: The date the catalogue was last checked against Microsoft's size pages.
        sources: The pages it was checked against.
        targets: The kinds of compute.
        vm_sizes: The VM catalogue.
        examples: Example workloads.
        rule: One workload per branch of the rule, for the decision table.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    checked_on: dt.date
    sources: tuple[str, ...]
    targets: tuple[ComputeTargetInfo, ...]
    vm_sizes: tuple[VmSize, ...]
    examples: tuple[ComputeExample, ...]
    rule: tuple[RuleCase, ...]


@cache
def compute_data() -> ComputeData:
    """Return the validated compute catalogue and examples.

    Returns:
        The data in ``data/compute.yaml``.
    """
    return load_data("compute", ComputeData)


def vm_size(name: str) -> VmSize:
    """Return one VM size from the catalogue.

    Args:
        name: VM size name, e.g. ``"Standard_F8s_v2"``.

    Returns:
        The catalogue entry.

    Raises:
        KeyError: If the size is not in the catalogue.
    """
    for size in compute_data().vm_sizes:
        if size.vm_size == name:
            return size
    raise KeyError(f"{name} is not in the compute catalogue")


def current_size(name: str) -> str:
    """Return ``name`` if the catalogue lists it as current.

    Args:
        name: VM size name.

    Returns:
        The same name.

    Raises:
        KeyError: If the size is not in the catalogue.
        RetiredSizeError: If the size is retired or previous-generation.
    """
    size = vm_size(name)
    if size.status != "current":
        when = f" on {size.retired_on}" if size.retired_on else ""
        raise RetiredSizeError(f"{name} is {size.status}{when}; the rule must not recommend it")
    return name


def _training_size(workload: Workload) -> tuple[str, str]:
    """Pick a VM size for training or tuning and say why."""
    if workload.gpu == "multi":
        return GPU_MULTI, "several 80 GB GPUs with InfiniBand: distributed fine-tuning"
    if workload.gpu == "large":
        return GPU_LARGE_TRAINING, "a large deep-learning model needs an 80 GB GPU"
    if workload.gpu == "small":
        return GPU_SMALL, "a small deep-learning model fits one 16 GB T4"
    need = workload.data_size_gb * MEMORY_PER_GB_OF_DATA
    for name in CPU_TRAINING_LADDER:
        if need <= vm_size(name).memory_gib:
            return name, f"about {need:g} GiB of memory needed for {workload.data_size_gb:g} GB"
    return (
        CPU_TRAINING_LADDER[-1],
        f"{need:g} GiB exceeds one node: sample, or distribute the training over nodes",
    )


# --8<-- [start:recommend-compute]
def recommend_compute(workload: Workload) -> ComputeRecommendation:
    """Recommend the compute type, VM size and scale for a workload.

    Args:
        workload: What the workload needs.

    Returns:
        The recommendation, with the reason for the VM size.

    Raises:
        RetiredSizeError: If the catalogue no longer lists the chosen size as current.
    """
    rec = _recommend(workload)
    current_size(rec.vm_size)
    return rec
    # --8<-- [end:recommend-compute]


# --8<-- [start:the-rule]
def _recommend(workload: Workload) -> ComputeRecommendation:
    """The rule itself; :func:`recommend_compute` checks its answer against the catalogue."""
    if workload.kind == "online-inference":
        if workload.gpu in ("large", "multi"):
            size, why = GPU_LARGE_SERVING, "a large model served from one 94 GB H100 NVL"
        elif workload.gpu == "small":
            size, why = GPU_SMALL, "GPU scoring on one T4 per instance"
        elif workload.latency_target_ms <= LOW_LATENCY_MS:
            size, why = COMPUTE_OPTIMISED, f"p95 under {LOW_LATENCY_MS} ms: compute-optimised CPU"
        else:
            size, why = GENERAL_PURPOSE, "relaxed latency: general-purpose CPU"
        n = PRODUCTION_ONLINE_INSTANCES
        return ComputeRecommendation(
            target="managed-online-endpoint",
            vm_size=size,
            min_instances=n,
            max_instances=2 * n,
            low_priority=False,
            reason=why,
        )
    if workload.kind == "batch-inference":
        size = GPU_SMALL if workload.gpu != "none" else COMPUTE_OPTIMISED
        nodes = min(MAX_BATCH_NODES, max(1, math.ceil(workload.data_size_gb / GB_PER_BATCH_NODE)))
        return ComputeRecommendation(
            target="compute-cluster",
            vm_size=size,
            min_instances=0,
            max_instances=nodes,
            low_priority=workload.budget_sensitive,
            reason=f"{nodes} node(s) score mini-batches in parallel, then scale to zero",
        )
    size, why = _training_size(workload)
    nodes = workload.parallel_trials if workload.kind == "tuning" else 1
    if workload.budget_sensitive:
        return ComputeRecommendation(
            target="compute-cluster",
            vm_size=size,
            min_instances=0,
            max_instances=nodes,
            low_priority=True,
            reason=f"{why}; low-priority nodes cut the cost of reruns",
        )
    return ComputeRecommendation(
        target="serverless",
        vm_size=size,
        min_instances=0,
        max_instances=nodes,
        low_priority=False,
        reason=f"{why}; serverless: no cluster to manage",
    )
    # --8<-- [end:the-rule]


def _status(size: VmSize) -> str:
    if size.status == "retired":
        return f"retired {size.retired_on}"
    return size.status


def compute_catalogue_table() -> str:
    """Render the VM catalogue, with the date it was checked.

    Returns:
        One row per VM size: family, vCPUs, memory, GPU, status and what it is good for,
        followed by the date the catalogue was checked.
    """
    data = compute_data()
    table = markdown_table(
        ["VM size", "Family", "vCPUs", "Memory (GiB)", "GPU", "Status", "Good for"],
        [
            (
                f"`{s.vm_size}`",
                s.family,
                s.vcpus,
                s.memory_gib,
                s.gpu or "—",
                _status(s),
                s.good_for,
            )
            for s in data.vm_sizes
        ],
    )
    return f"{table}\n\n*Catalogue checked on {data.checked_on.isoformat()}.*"


def compute_targets_table() -> str:
    """Render the kinds of Azure ML compute.

    Returns:
        One row per compute target: what it is, when to use it, what you pay for.
    """
    return markdown_table(
        ["Compute", "What it is", "Use it for", "You pay"],
        [(f"`{t.name}`", t.what, t.when, t.billing) for t in compute_data().targets],
    )


def compute_rule_table() -> str:
    """Render the rule as a decision table: one row per branch, computed by the rule.

    Returns:
        One row per situation: the compute, VM size, instances and reason the rule gives.
    """
    rows = []
    for case in compute_data().rule:
        rec = recommend_compute(case.workload)
        scale = f"{rec.min_instances}–{rec.max_instances}"
        rows.append(
            (
                case.when,
                f"`{rec.target}`",
                f"`{rec.vm_size}`",
                scale + (" low-priority" if rec.low_priority else ""),
                rec.reason,
            )
        )
    return markdown_table(["When", "Compute", "VM size", "Instances", "Why"], rows)


def compute_examples_table() -> str:
    """Render the recommendation for each example workload.

    Returns:
        One row per example: the workload and the computed recommendation.
    """
    rows = []
    for example in compute_data().examples:
        rec = recommend_compute(example.workload)
        scale = f"{rec.min_instances}–{rec.max_instances}"
        rows.append(
            (
                example.name,
                example.workload.kind,
                rec.target,
                f"`{rec.vm_size}`",
                scale + (" low-priority" if rec.low_priority else ""),
                rec.reason,
            )
        )
    return markdown_table(
        ["Workload", "Kind", "Compute", "VM size", "Instances", "Why"],
        rows,
    )
