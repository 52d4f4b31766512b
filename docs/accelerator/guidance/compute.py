"""Compute selection: a catalogue of VM sizes and a rule that picks compute for a workload."""

from __future__ import annotations

import math
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table

WorkloadKind = Literal["training", "tuning", "batch-inference", "online-inference"]
GpuNeed = Literal["none", "small", "large"]
ComputeTarget = Literal["serverless", "compute-cluster", "managed-online-endpoint"]

# Rules of thumb, stated once so the page and the tests use the same numbers.
MEMORY_PER_GB_OF_DATA = 2  # in-memory training needs roughly twice the data size in RAM
LOW_LATENCY_MS = 100  # below this p95 target, use compute-optimised CPU for online scoring
GB_PER_BATCH_NODE = 10  # one batch-scoring node per ~10 GB of input
MAX_BATCH_NODES = 10
PRODUCTION_ONLINE_INSTANCES = 3  # keep serving through a node failure or an upgrade


class VmSize(BaseModel):
    """One VM size in the catalogue.

    Attributes:
        vm_size: Azure VM size name, e.g. ``Standard_DS3_v2``.
        family: VM family and series.
        vcpus: Virtual CPUs.
        memory_gib: Memory in GiB.
        gpus: Number of GPUs (0 for CPU sizes).
        gpu: GPU model and memory, or ``None``.
        good_for: The workloads it suits.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    vm_size: str = Field(pattern=r"^Standard_[A-Za-z0-9_]+$")
    family: str
    vcpus: int = Field(ge=1)
    memory_gib: int = Field(ge=1)
    gpus: int = Field(ge=0)
    gpu: str | None
    good_for: str


class Workload(BaseModel):
    """What a workload needs, in terms a data scientist can answer.

    Attributes:
        kind: ``training``, ``tuning``, ``batch-inference`` or ``online-inference``.
        data_size_gb: Size of the data one run reads (training) or scores (batch).
        gpu: ``none``; ``small`` (fits one 16 GB GPU: small deep-learning models);
            ``large`` (needs an 80 GB GPU: large deep-learning models).
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


class ComputeData(BaseModel):
    """Everything in ``data/compute.yaml``.

    Attributes:
        vm_sizes: The VM catalogue.
        examples: Example workloads.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    vm_sizes: tuple[VmSize, ...]
    examples: tuple[ComputeExample, ...]


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


def _training_size(workload: Workload) -> tuple[str, str]:
    """Pick a VM size for training or tuning and say why."""
    if workload.gpu == "large":
        return "Standard_NC24ads_A100_v4", "a large deep-learning model needs an 80 GB GPU"
    if workload.gpu == "small":
        return "Standard_NC4as_T4_v3", "a small deep-learning model fits one 16 GB T4"
    need = workload.data_size_gb * MEMORY_PER_GB_OF_DATA
    for name in ("Standard_DS3_v2", "Standard_E8s_v3", "Standard_E16s_v3"):
        if need <= vm_size(name).memory_gib:
            return name, f"about {need:g} GiB of memory needed for {workload.data_size_gb:g} GB"
    return (
        "Standard_E16s_v3",
        f"{need:g} GiB exceeds one node: sample, or distribute the training over nodes",
    )


# --8<-- [start:recommend-compute]
def recommend_compute(workload: Workload) -> ComputeRecommendation:
    """Recommend the compute type, VM size and scale for a workload.

    Args:
        workload: What the workload needs.

    Returns:
        The recommendation, with the reason for the VM size.
    """
    if workload.kind == "online-inference":
        if workload.gpu != "none":
            size, why = "Standard_NC4as_T4_v3", "GPU scoring on one T4 per instance"
        elif workload.latency_target_ms <= LOW_LATENCY_MS:
            size, why = "Standard_F8s_v2", f"p95 under {LOW_LATENCY_MS} ms: compute-optimised CPU"
        else:
            size, why = "Standard_DS3_v2", "relaxed latency: general-purpose CPU"
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
        size = "Standard_NC4as_T4_v3" if workload.gpu != "none" else "Standard_F8s_v2"
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
    # --8<-- [end:recommend-compute]


def compute_catalogue_table() -> str:
    """Render the VM catalogue.

    Returns:
        One row per VM size: family, vCPUs, memory, GPU and what it is good for.
    """
    return markdown_table(
        ["VM size", "Family", "vCPUs", "Memory (GiB)", "GPU", "Good for"],
        [
            (f"`{s.vm_size}`", s.family, s.vcpus, s.memory_gib, s.gpu or "—", s.good_for)
            for s in compute_data().vm_sizes
        ],
    )


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
