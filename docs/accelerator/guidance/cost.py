"""Cost management: the levers that cut Azure ML spend, and a check of the shipped configs."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table
from reference_impl.config import ENVIRONMENTS, EnvironmentConfig, load_config

Kind = Literal["training", "tuning", "batch-inference", "online-inference", "development"]
# An idle node kept longer than this costs more than the start-up time it saves.
MAX_IDLE_SECONDS = 1800


class CostLever(BaseModel):
    """One way to reduce spend.

    Attributes:
        id: Stable key.
        lever: What to do.
        applies_to: Workload kinds it helps.
        effort: ``low`` or ``medium`` effort to adopt.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    lever: str
    applies_to: tuple[Kind, ...] = Field(min_length=1)
    effort: Literal["low", "medium"]


@cache
def cost_levers() -> tuple[CostLever, ...]:
    """Return every cost lever.

    Returns:
        The levers in the order the page lists them.
    """
    return tuple(load_data("cost", list[CostLever]))


def levers_for(kind: Kind) -> tuple[CostLever, ...]:
    """Return the cost levers that apply to one kind of workload.

    Args:
        kind: ``training``, ``tuning``, ``batch-inference``, ``online-inference`` or
            ``development``.

    Returns:
        The levers, low effort first.
    """
    return tuple(
        sorted(
            (lever for lever in cost_levers() if kind in lever.applies_to),
            key=lambda lever: lever.effort != "low",
        )
    )


# --8<-- [start:cost-findings]
def cost_findings(config: EnvironmentConfig) -> list[str]:
    """Check an environment's compute settings against the cost levers.

    Args:
        config: A validated environment configuration.

    Returns:
        One sentence per setting that wastes money; empty when none does.
    """
    compute, found = config.compute, []
    if compute.min_instances > 0 and config.name != "prod":
        found.append(f"{config.name}: {compute.min_instances} node(s) kept running while idle")
    if compute.idle_seconds > MAX_IDLE_SECONDS:
        found.append(f"{config.name}: idle nodes kept {compute.idle_seconds} s")
    return found
    # --8<-- [end:cost-findings]


def cost_levers_table() -> str:
    """Render the cost levers.

    Returns:
        One row per lever: what to do, the workloads it helps, effort.
    """
    return markdown_table(
        ["Lever", "Helps", "Effort"],
        [(c.lever, ", ".join(c.applies_to), c.effort) for c in cost_levers()],
    )


def shipped_config_cost_table() -> str:
    """Render the cost check of the environment files shipped with the reference implementation.

    Returns:
        One row per environment: its cluster settings and the findings.
    """
    rows = []
    for env in ENVIRONMENTS:
        config = load_config(env)
        found = cost_findings(config)
        rows.append(
            (
                env,
                f"`{config.compute.size}`",
                f"{config.compute.min_instances}–{config.compute.max_instances}",
                config.compute.idle_seconds,
                "; ".join(found) or "none",
            )
        )
    return markdown_table(
        ["Environment", "VM size", "Nodes (min–max)", "Idle release (s)", "Findings"], rows
    )
