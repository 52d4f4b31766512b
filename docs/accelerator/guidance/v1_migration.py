"""Migrating from Azure ML SDK v1 / CLI v1: the mapping to v2, the order, and the dates."""

from __future__ import annotations

import datetime as dt
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table
from accelerator.guidance.partial_date import PartialDate

EXAMPLE = "examples/technology/migrating_from_v1/v2_equivalents.py"


class Status(BaseModel):
    """The support status of a v1 or retiring feature, with its date.

    Attributes:
        item: The feature.
        status: Its status, in a sentence.
        date: The date (``YYYY-MM-DD`` or ``YYYY-MM``) support ended or ends, if Microsoft
            published one.
        source: The Microsoft page that states it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    item: str
    status: str
    date: PartialDate | None
    source: str = Field(pattern=r"^https://learn\.microsoft\.com/")


class Mapping(BaseModel):
    """One v1 concept and its v2 equivalent.

    Attributes:
        v1: The v1 concept and its classes.
        v2: The v2 equivalent.
        example: The section of the example file that builds the v2 entity.
        step: The migration step (see ``order``) that moves it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    v1: str
    v2: str
    example: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    step: int = Field(ge=1)


class Step(BaseModel):
    """One step of the migration order.

    Attributes:
        step: Its number.
        move: What moves.
        why: Why it comes at this point.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    step: int = Field(ge=1)
    move: str
    why: str


class MigrationData(BaseModel):
    """Everything in ``data/v1_migration.yaml``.

    Attributes:
        checked_on: The date the statuses were last checked.
        statuses: Support dates of v1 and retiring features.
        mappings: v1 concept to v2 equivalent.
        order: The migration steps, in order.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    checked_on: dt.date
    statuses: tuple[Status, ...]
    mappings: tuple[Mapping, ...]
    order: tuple[Step, ...]

    @model_validator(mode="after")
    def _steps_exist(self) -> MigrationData:
        numbers = [s.step for s in self.order]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"order steps must be 1..n in order, got {numbers}")
        for m in self.mappings:
            if m.step not in numbers:
                raise ValueError(f"mapping {m.v1!r} names step {m.step}, which does not exist")
        return self


@cache
def migration_data() -> MigrationData:
    """Return the validated migration data.

    Returns:
        The data in ``data/v1_migration.yaml``.
    """
    return load_data("v1_migration", MigrationData)


def status(item_prefix: str) -> Status:
    """Return the status whose item starts with ``item_prefix``.

    Args:
        item_prefix: The start of the item, e.g. ``"Prompt flow"``.

    Returns:
        The status.

    Raises:
        KeyError: If no item starts with it.
    """
    for s in migration_data().statuses:
        if s.item.startswith(item_prefix):
            return s
    raise KeyError(f"no status for {item_prefix!r}")


def v1_status_table() -> str:
    """Render the support dates, with the date they were checked.

    Returns:
        One row per feature: status, date and source; then the date checked.
    """
    data = migration_data()
    table = markdown_table(
        ["Feature", "Status", "Date", "Source"],
        [
            (s.item, s.status, s.date or "—", f"[Microsoft Learn]({s.source})")
            for s in data.statuses
        ],
    )
    return f"{table}\n\n*Checked on {data.checked_on.isoformat()}.*"


def migration_table() -> str:
    """Render what maps to what, with the example section that builds each v2 entity.

    Returns:
        One row per v1 concept: its v2 equivalent, the step that moves it and the example.
    """
    return markdown_table(
        ["SDK / CLI v1", "SDK / CLI v2", "Step", "Tested example"],
        [
            (m.v1, m.v2, m.step, f"[`{m.example}`](#{m.example})")
            for m in sorted(migration_data().mappings, key=lambda m: m.step)
        ],
    )


def migration_order_table() -> str:
    """Render the migration order.

    Returns:
        One row per step: what moves and why at that point.
    """
    return markdown_table(
        ["Step", "Move", "Why now"],
        [(s.step, s.move, s.why) for s in migration_data().order],
    )
