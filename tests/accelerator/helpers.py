"""Shared helpers for the guidance tests."""

from __future__ import annotations

from pathlib import Path

import yaml

from accelerator.guidance.organisation import BusinessUnit, Organisation

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


class _TolerantLoader(yaml.SafeLoader):
    """SafeLoader that ignores MkDocs' ``!!python/name:`` tags."""


_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_args: None)
_TolerantLoader.add_constructor("!ENV", lambda *_args: None)  # site_url/repo_url: not needed here


def nav_sources() -> list[str]:
    """Every page path (relative to docs/) listed in mkdocs.yml's navigation."""

    def walk(items: list) -> list[str]:
        found = []
        for item in items:
            values = item.values() if isinstance(item, dict) else [item]
            for value in values:
                found += walk(value) if isinstance(value, list) else [value]
        return found

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader)
    return walk(config["nav"])
