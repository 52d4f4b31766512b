"""Workspace topology: how many Azure ML workspaces and registries an organisation needs."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from accelerator.guidance.markdown import markdown_table
from accelerator.guidance.operating_models import recommend_operating_model
from accelerator.guidance.organisation import (
    BusinessUnit,
    Organisation,
    contoso,
    organisations,
)

STAGES: tuple[str, ...] = ("dev", "test", "prod")


class WorkspacePlan(BaseModel):
    """One Azure ML workspace to create.

    Attributes:
        name: Suggested workspace name.
        stage: ``dev``, ``test`` or ``prod``.
        owner: The business unit it serves, or ``shared``.
        region: Azure region.
        subscription: ``prod`` or ``non-prod`` when production has its own subscription,
            otherwise ``shared``.
    """

    model_config = ConfigDict(frozen=True)

    name: str
    stage: str
    owner: str
    region: str
    subscription: str


class RegistryPlan(BaseModel):
    """One Azure ML registry to create.

    Attributes:
        name: Suggested registry name.
        serves: The stages whose workspaces publish to or consume from it.
        owner: The business unit it serves, or ``shared``.
        regions: Regions it replicates to (the first is its home region).
    """

    model_config = ConfigDict(frozen=True)

    name: str
    serves: tuple[str, ...]
    owner: str
    regions: tuple[str, ...]


class Topology(BaseModel):
    """The recommended workspaces and registries, with the reasons.

    Attributes:
        workspaces: Workspaces to create.
        registries: Registries to create.
        reasons: One line per rule that shaped the result.
    """

    model_config = ConfigDict(frozen=True)

    workspaces: tuple[WorkspacePlan, ...]
    registries: tuple[RegistryPlan, ...]
    reasons: tuple[str, ...]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _org_slug(org: Organisation) -> str:
    return _slug(org.name).split("-")[0]


def _subscription(org: Organisation, stage: str) -> str:
    if not org.separate_prod_subscription:
        return "shared"
    return "prod" if stage == "prod" else "non-prod"


Owner = tuple[str, str, tuple[str, ...]]  # (slug, owner name, regions)


def _unit_owners(org: Organisation) -> list[Owner]:
    return [(_slug(u.name), u.name, (u.region,)) for u in org.business_units]


def _shared_owner(org: Organisation) -> list[Owner]:
    return [(_org_slug(org), "shared", org.regions)]


# --8<-- [start:recommend-topology]
def recommend_topology(org: Organisation) -> Topology:
    """Recommend Azure ML workspaces and registries for an organisation.

    Rules: every team gets a dev, a test and a prod workspace. A centralised team shares
    one set per data-residency region; hub-and-spoke and federated organisations give each
    business unit its own set, in the unit's region. Models move between stages through a
    registry, never by copying files: one shared registry replicated to every region, or one
    per business unit when federated. A regulated organisation keeps production models in a
    registry of their own.

    Args:
        org: Facts about the organisation.

    Returns:
        The workspaces and registries to create, and why.
    """
    model = recommend_operating_model(org).model
    reasons = [f"operating model: {model.name}"]
    if model.id == "centralised":
        owners = _shared_owner(org)
        reasons.append("one shared set of dev, test and prod workspaces per region")
    else:
        owners = _unit_owners(org)
        reasons.append("each business unit gets its own dev, test and prod workspaces")
    if len(org.regions) > 1:
        reasons.append(f"data stays in its region: {', '.join(org.regions)}")
    workspaces = tuple(
        WorkspacePlan(
            name=f"mlw-{slug}-{stage}" + (f"-{region}" if len(regions) > 1 else ""),
            stage=stage,
            owner=owner,
            region=region,
            subscription=_subscription(org, stage),
        )
        for slug, owner, regions in owners
        for region in regions
        for stage in STAGES
    )
    splits: list[tuple[str, tuple[str, ...]]] = [("", STAGES)]
    if org.regulated:
        splits = [("-nonprod", ("dev", "test")), ("-prod", ("prod",))]
        reasons.append("regulated: production models live in a registry of their own")
    registry_owners = _unit_owners(org) if model.id == "federated" else _shared_owner(org)
    registries = tuple(
        RegistryPlan(name=f"mlr-{slug}{suffix}", serves=serves, owner=owner, regions=regions)
        for slug, owner, regions in registry_owners
        for suffix, serves in splits
    )
    return Topology(workspaces=workspaces, registries=registries, reasons=tuple(reasons))
    # --8<-- [end:recommend-topology]


def _case(
    units: list[tuple[str, int, str]],
    *,
    regulated: bool = False,
    platform_team: bool = True,
) -> Organisation:
    """A synthetic organisation for one row of the rule table."""
    return Organisation(
        name="Org",
        regulated=regulated,
        separate_prod_subscription=regulated,
        central_platform_team=platform_team,
        business_units=tuple(
            BusinessUnit(name=n, data_scientists=d, region=r) for n, d, r in units
        ),
    )


# One organisation per branch of the rule, described the way a reader would describe theirs.
RULE_CASES: tuple[tuple[str, Organisation], ...] = (
    ("One team, one region", _case([("Analytics", 5, "westeurope")])),
    (
        "One team, data in two regions",
        _case([("Analytics", 3, "westeurope"), ("Life", 2, "uksouth")]),
    ),
    (
        "Two business units, one platform team, no regulator",
        _case([("Motor", 6, "westeurope"), ("Home", 4, "westeurope")]),
    ),
    (
        "Two business units, one platform team, regulated",
        _case([("Motor", 6, "westeurope"), ("Home", 4, "westeurope")], regulated=True),
    ),
    (
        "Two large units, no shared platform team",
        _case([("Retail", 9, "westeurope"), ("Wholesale", 8, "westeurope")], platform_team=False),
    ),
    (
        "Two large units, no shared platform team, regulated",
        _case(
            [("Retail", 9, "westeurope"), ("Wholesale", 8, "westeurope")],
            regulated=True,
            platform_team=False,
        ),
    ),
)


def topology_rule_table() -> str:
    """Render the rule as a decision table, computed by :func:`recommend_topology`.

    Returns:
        One row per situation: operating model, workspaces, registries and where prod runs.
    """
    rows = []
    for situation, org in RULE_CASES:
        topo = recommend_topology(org)
        owners = {w.owner for w in topo.workspaces}
        per = "one shared set" if owners == {"shared"} else "a set per business unit"
        regions = {w.region for w in topo.workspaces}
        where = f" in each of {len(regions)} regions" if len(regions) > 1 else ""
        prod = {w.subscription for w in topo.workspaces if w.stage == "prod"}
        rows.append(
            (
                situation,
                recommend_operating_model(org).model.name,
                f"{len(topo.workspaces)}: dev, test, prod — {per}{where}",
                ", ".join(f"`{r.name}` ({'/'.join(r.serves)})" for r in topo.registries),
                "own subscription" if prod == {"prod"} else "shared subscription",
            )
        )
    return markdown_table(
        ["Your situation", "Operating model", "Workspaces", "Registries", "Prod workspaces"],
        rows,
    )


def topology_examples_table() -> str:
    """Render the recommended topology of each example organisation.

    Returns:
        One row per organisation: its facts, then the computed workspace and registry counts.
    """
    rows = []
    for org in organisations():
        topo = recommend_topology(org)
        rows.append(
            (
                org.name,
                len(org.business_units),
                ", ".join(org.regions),
                "yes" if org.regulated else "no",
                "yes" if org.separate_prod_subscription else "no",
                len(topo.workspaces),
                ", ".join(f"`{r.name}`" for r in topo.registries),
            )
        )
    return markdown_table(
        [
            "Organisation",
            "Business units",
            "Regions",
            "Regulated",
            "Own prod subscription",
            "Workspaces",
            "Registries",
        ],
        rows,
    )


def contoso_topology_table() -> str:
    """Render every workspace and registry recommended for Contoso Insurance.

    Returns:
        One row per resource: kind, name, stage(s), owner, region(s), subscription.
    """
    topo = recommend_topology(contoso())
    rows = [
        ("workspace", f"`{w.name}`", w.stage, w.owner, w.region, w.subscription)
        for w in topo.workspaces
    ]
    rows += [
        ("registry", f"`{r.name}`", ", ".join(r.serves), r.owner, ", ".join(r.regions), "—")
        for r in topo.registries
    ]
    return markdown_table(
        ["Kind", "Name", "Stage", "Serves", "Region", "Subscription"],
        rows,
    )
