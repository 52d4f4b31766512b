"""Approved outbound only: the managed network opens the package feeds the image build needs."""

from __future__ import annotations

import re

import hcl2

from reference_impl.azureml.environment import conda_spec
from tests.platform import checks

CHANNEL_HOSTS = {"conda-forge": "conda.anaconda.org", "defaults": "repo.anaconda.com"}
PIP_HOSTS = {"pypi.org", "files.pythonhosted.org"}  # the index, and where its files live


def needed_feeds() -> set[str]:
    spec = conda_spec()
    hosts = {CHANNEL_HOSTS[channel] for channel in spec["channels"]}
    if any(isinstance(dep, dict) and dep.get("pip") for dep in spec["dependencies"]):
        hosts |= PIP_HOSTS
    return hosts


def bicep_feeds() -> list[str]:
    text = (checks.BICEP / "modules" / "workspace.bicep").read_text()
    block = text.split("var packageFeeds = [", 1)[1].split("]", 1)[0]
    return re.findall(r"'([^']+)'", block)


def terraform_feeds() -> list[str]:
    with (checks.TERRAFORM / "workspace.tf").open() as handle:
        parsed = hcl2.load(handle)
    feeds = [block["package_feeds"] for block in parsed["locals"] if "package_feeds" in block]
    assert len(feeds) == 1
    return [feed.strip('"') for feed in feeds[0]]  # python-hcl2 keeps the quotes


def test_both_trees_open_exactly_the_feeds_the_environment_build_needs() -> None:
    assert set(bicep_feeds()) == needed_feeds()
    assert set(terraform_feeds()) == needed_feeds()


def test_feed_rules_exist_only_with_approved_outbound() -> None:
    bicep = (checks.BICEP / "modules" / "workspace.bicep").read_text()
    assert "[for feed in (isolated ? packageFeeds : []): {" in bicep
    terraform = (checks.TERRAFORM / "workspace.tf").read_text()
    assert "for_each         = var.isolated ? toset(local.package_feeds) : toset([])" in terraform
