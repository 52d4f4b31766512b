"""The facts about an organisation that drive the operating-model and topology decisions."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from accelerator.guidance.data import load_data


class BusinessUnit(BaseModel):
    """A business unit that builds or consumes models.

    Attributes:
        name: Display name, e.g. ``"Motor"``.
        data_scientists: How many data scientists work in the unit.
        region: Azure region where the unit's data must stay, e.g. ``"westeurope"``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    data_scientists: int = Field(ge=0)
    region: str = Field(pattern=r"^[a-z0-9]+$")


class Organisation(BaseModel):
    """What an organisation must know about itself before choosing how to run MLOps.

    Attributes:
        name: Display name.
        summary: One sentence describing the organisation.
        regulated: Whether a regulator or auditor reviews how models are approved.
        separate_prod_subscription: Whether production runs in its own Azure subscription.
        central_platform_team: Whether one cloud/platform team serves every business unit.
        business_units: The units that build or consume models (at least one).
        existing_jobs: Job titles the organisation already employs (lower case except
            proper names), used to decide whether a role can be grown rather than hired.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    summary: str = ""
    regulated: bool
    separate_prod_subscription: bool
    central_platform_team: bool
    business_units: tuple[BusinessUnit, ...] = Field(min_length=1)
    existing_jobs: tuple[str, ...] = ()

    @property
    def data_scientists(self) -> int:
        """Total number of data scientists across the business units."""
        return sum(unit.data_scientists for unit in self.business_units)

    @property
    def regions(self) -> tuple[str, ...]:
        """Distinct data-residency regions, in the order the units name them."""
        return tuple(dict.fromkeys(unit.region for unit in self.business_units))


@cache
def organisations() -> tuple[Organisation, ...]:
    """Return the fictional organisations used in the worked examples.

    Returns:
        Every organisation in ``data/organisations.yaml``.
    """
    return tuple(load_data("organisations", list[Organisation]))


def organisation(name: str) -> Organisation:
    """Return one of the example organisations by name.

    Args:
        name: The organisation's display name, e.g. ``"Contoso Insurance"``.

    Returns:
        The organisation.

    Raises:
        KeyError: If no example organisation has that name.
    """
    for org in organisations():
        if org.name == name:
            return org
    raise KeyError(f"no example organisation named {name!r}")


def contoso() -> Organisation:
    """Return Contoso Insurance, the organisation every chapter's worked example follows.

    Returns:
        Contoso Insurance: three business units, twelve data scientists, regulated.
    """
    return organisation("Contoso Insurance")
