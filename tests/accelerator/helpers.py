"""Shared helpers for the guidance tests."""

from __future__ import annotations

from pathlib import Path

from accelerator.guidance.organisation import BusinessUnit, Organisation
from tests.browser.site_pages import nav_sources

__all__ = ["DOCS", "ROOT", "nav_sources", "org", "table_rows"]

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def org(
    units: list[tuple[str, int, str]],
    *,
    regulated: bool = False,
    separate_prod_subscription: bool = False,
    central_platform_team: bool = True,
    jobs: tuple[str, ...] = (),
) -> Organisation:
    """Build an organisation from ``(name, data_scientists, region)`` triples."""
    return Organisation(
        name="Test Org",
        regulated=regulated,
        separate_prod_subscription=separate_prod_subscription,
        central_platform_team=central_platform_team,
        business_units=tuple(
            BusinessUnit(name=n, data_scientists=d, region=r) for n, d, r in units
        ),
        existing_jobs=jobs,
    )


def table_rows(markdown: str) -> list[list[str]]:
    """Split a rendered Markdown table into cells, without the header and separator rows."""
    lines = markdown.strip().splitlines()
    assert lines[1].startswith("| ---"), "second line must be the separator"
    return [[cell.strip() for cell in line.strip().strip("|").split(" | ")] for line in lines[2:]]
