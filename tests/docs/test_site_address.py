"""The site knows where it lives: site_url and repo_url come from the build's environment."""

from __future__ import annotations

import yaml

from tests.browser.site_pages import ROOT, mkdocs_config

SITE = "https://${{ github.repository_owner }}.github.io/${{ github.event.repository.name }}/"
REPO = "${{ github.server_url }}/${{ github.repository }}"


def build_step_env() -> dict:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    (step,) = [s for s in workflow["jobs"]["build"]["steps"] if "dev.py build" in s.get("run", "")]
    return step.get("env", {})


def test_mkdocs_reads_both_addresses_from_the_environment():
    text = (ROOT / "mkdocs.yml").read_text()
    assert "site_url: !ENV [SITE_URL, " in text
    assert "repo_url: !ENV [REPO_URL, " in text


def test_the_pages_workflow_passes_the_repositorys_own_addresses():
    assert build_step_env() == {"SITE_URL": SITE, "REPO_URL": REPO}


def test_the_environment_wins_over_the_default(monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://contoso.github.io/mlops/")
    monkeypatch.setenv("REPO_URL", "https://github.com/contoso/mlops")
    config = mkdocs_config()
    assert config["site_url"] == "https://contoso.github.io/mlops/"
    assert config["repo_url"] == "https://github.com/contoso/mlops"
    monkeypatch.delenv("SITE_URL")
    assert mkdocs_config()["site_url"].startswith("https://")
    assert mkdocs_config()["site_url"] != "https://contoso.github.io/mlops/"
