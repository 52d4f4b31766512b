"""Synapse to Fabric: what changes for an ML team, one component at a time."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table


class FabricChange(BaseModel):
    """One Synapse component, its Fabric counterpart and what the ML team does differently."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    synapse: str
    fabric: str
    ml_team: str


class FabricData(BaseModel):
    """Everything in ``data/fabric.yaml``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    changes: tuple[FabricChange, ...]


@cache
def fabric_data() -> FabricData:
    """Return the validated list of changes.

    Returns:
        The data in ``data/fabric.yaml``.
    """
    return load_data("fabric", FabricData)


def fabric_counterpart(synapse_component: str) -> FabricChange:
    """Look up what replaces a Synapse component in Fabric.

    Args:
        synapse_component: Case-insensitive start of the Synapse name, e.g. ``"spark pools"``.

    Returns:
        The change for that component.

    Raises:
        KeyError: If no component, or more than one, matches.
    """
    wanted = synapse_component.casefold()
    found = [c for c in fabric_data().changes if c.synapse.casefold().startswith(wanted)]
    if len(found) != 1:
        raise KeyError(f"{synapse_component!r} matches {len(found)} Synapse components")
    return found[0]


def changes_table() -> str:
    """Render the Synapse → Fabric changes.

    Returns:
        One row per component.
    """
    return markdown_table(
        ["Synapse", "Fabric", "What the ML team changes"],
        [(c.synapse, c.fabric, c.ml_team) for c in fabric_data().changes],
    )
