"""How code, data, environment and model versions flow with the branching strategy."""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table

Artefact = Literal["code", "data", "environment", "model", "deployment"]
COMMIT = re.compile(r"^[0-9a-f]{7,40}$")
ASSET = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# Tags every registered model version carries, so it leads back to what produced it.
LINEAGE_TAGS: tuple[str, ...] = ("git_commit", "data_asset", "training_run")


class ArtefactFlow(BaseModel):
    """How one kind of artefact is versioned and promoted.

    Attributes:
        artefact: ``code``, ``data``, ``environment``, ``model`` or ``deployment``.
        identified_by: What identifies one version.
        created_when: The event that creates a new version.
        stored_in: Where versions are kept.
        moves_by: How a version reaches test and prod.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    artefact: Artefact
    identified_by: str
    created_when: str
    stored_in: str
    moves_by: str


@cache
def version_flow() -> tuple[ArtefactFlow, ...]:
    """Return how each artefact is versioned, from code to deployment.

    Returns:
        One entry per artefact.
    """
    return tuple(load_data("version_flow", list[ArtefactFlow]))


# --8<-- [start:lineage-tags]
def lineage_tags(
    commit: str, data_asset: str, data_version: int, training_run: str
) -> dict[str, str]:
    """Build the tags that tie a registered model version to its code and data versions.

    Args:
        commit: Git commit SHA the training ran from (7–40 lower-case hex digits).
        data_asset: Azure ML data asset name the model was trained on.
        data_version: Version of that data asset (1 or more).
        training_run: Azure ML job name (or local run id) that produced the model.

    Returns:
        Tags named by :data:`LINEAGE_TAGS`.

    Raises:
        ValueError: If an identifier is malformed, so a model cannot be registered with
            lineage that leads nowhere.
    """
    if not COMMIT.match(commit):
        raise ValueError(f"not a Git commit SHA: {commit!r}")
    if not ASSET.match(data_asset) or data_version < 1:
        raise ValueError(f"not a data asset version: {data_asset!r}:{data_version}")
    if not training_run.strip():
        raise ValueError("training_run must name the run that produced the model")
    return {
        "git_commit": commit,
        "data_asset": f"{data_asset}:{data_version}",
        "training_run": training_run,
    }
    # --8<-- [end:lineage-tags]


def version_flow_table() -> str:
    """Render how each artefact is versioned and moved.

    Returns:
        One row per artefact.
    """
    return markdown_table(
        ["Artefact", "A version is", "New version when", "Kept in", "Reaches test and prod by"],
        [
            (f"**{f.artefact}**", f.identified_by, f.created_when, f.stored_in, f.moves_by)
            for f in version_flow()
        ],
    )
