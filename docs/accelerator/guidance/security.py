"""Security and networking: the controls an Azure ML platform applies, by baseline."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table

Area = Literal["identity", "network", "data", "operations", "supply chain"]


class Control(BaseModel):
    """One security control.

    Attributes:
        id: Stable key.
        area: ``identity``, ``network``, ``data``, ``operations`` or ``supply chain``.
        control: What is configured.
        applies: ``baseline`` (everyone) or ``regulated`` (added for regulated organisations).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    area: Area
    control: str
    applies: Literal["baseline", "regulated"]


# A regulated control that replaces a baseline one (the baseline one is then dropped).
SUPERSEDES: dict[str, str] = {"managed-vnet-approved-outbound": "managed-vnet"}


@cache
def controls() -> tuple[Control, ...]:
    """Return every control in the catalogue.

    Returns:
        Baseline and regulated controls, grouped by area as in the data file.
    """
    return tuple(load_data("security", list[Control]))


# --8<-- [start:security-baseline]
def security_baseline(*, regulated: bool) -> tuple[Control, ...]:
    """Return the controls an organisation should apply.

    Args:
        regulated: Whether a regulator or auditor reviews the platform.

    Returns:
        Baseline controls, plus the regulated ones when ``regulated`` is true; a regulated
        control that tightens a baseline one replaces it.
    """
    chosen = [c for c in controls() if regulated or c.applies == "baseline"]
    replaced = {SUPERSEDES[c.id] for c in chosen if c.id in SUPERSEDES}
    return tuple(c for c in chosen if c.id not in replaced)
    # --8<-- [end:security-baseline]


def security_table() -> str:
    """Render the control catalogue.

    Returns:
        One row per control: area, control, and who needs it.
    """
    return markdown_table(
        ["Area", "Control", "Applies to"],
        [
            (c.area, c.control, "everyone" if c.applies == "baseline" else "regulated")
            for c in controls()
        ],
    )
