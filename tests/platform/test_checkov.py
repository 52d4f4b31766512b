"""Checkov over both infrastructure trees: no failed check; suppressions inline and justified."""

from __future__ import annotations

import pytest

from tests.platform import checks

FRAMEWORKS = ("bicep", "terraform")


@pytest.mark.slow
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_checkov_finds_no_failed_check(checkov_runs, framework):
    real, _, _ = checkov_runs
    summary = real[framework]["summary"]
    failed = [
        f"{c['check_id']} {c['resource']} ({c['file_path']}): {c['check_name']}"
        for c in real[framework]["results"]["failed_checks"]
    ]
    assert failed == []
    assert summary["failed"] == 0


@pytest.mark.slow
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_checkov_parses_every_file_and_checks_real_resources(checkov_runs, framework):
    real, _, _ = checkov_runs
    summary = real[framework]["summary"]
    # A file checkov cannot parse is silently left out of the scan; none may be.
    assert summary["parsing_errors"] == 0, real[framework]["results"].get("parsing_errors")
    assert summary["passed"] >= 15
    checked = {c["resource"].rsplit(".", 1)[0] for c in real[framework]["results"]["passed_checks"]}
    core = {
        "bicep": {
            "Microsoft.Storage/storageAccounts",
            "Microsoft.KeyVault/vaults",
            "Microsoft.ContainerRegistry/registries",
            "Microsoft.MachineLearningServices/workspaces",
        },
        "terraform": {
            "azurerm_storage_account",
            "azurerm_key_vault",
            "azurerm_container_registry",
            "azurerm_machine_learning_workspace",
            "azurerm_machine_learning_compute_cluster",
        },
    }[framework]
    assert core <= checked


@pytest.mark.slow
def test_every_skip_checkov_reports_is_an_inline_justified_suppression(checkov_runs):
    real, _, _ = checkov_runs
    inline = checks.suppressions(checks.BICEP, checks.TERRAFORM)
    reported = sorted(
        c["check_id"]
        for framework in FRAMEWORKS
        for c in real[framework]["results"]["skipped_checks"]
    )
    assert reported == sorted(s.check_id for s in inline)


def test_suppressions_are_few_and_each_has_a_reason():
    inline = checks.suppressions(checks.BICEP, checks.TERRAFORM)
    assert len(inline) <= checks.MAX_SUPPRESSIONS, [f"{s.path.name}: {s.check_id}" for s in inline]
    for s in inline:
        assert len(s.reason) >= 40, f"{s.path.name}:{s.line}: {s.check_id} needs a real reason"
    config_files = [
        *checks.INFRA.rglob(".checkov.y*ml"),
        *checks.INFRA.rglob(".checkov.json"),
    ]
    assert config_files == [], "suppressions belong inline, next to the resource"


def test_the_suppression_counter_reads_both_comment_styles(tmp_path):
    (tmp_path / "a.bicep").write_text("  //checkov:skip=CKV_AZURE_1:because the reason is long\n")
    (tmp_path / "b.tf").write_text("  #checkov:skip=CKV2_AZURE_40:another reason\nname = 1\n")
    found = checks.suppressions(tmp_path)
    assert [(s.path.name, s.check_id) for s in found] == [
        ("a.bicep", "CKV_AZURE_1"),
        ("b.tf", "CKV2_AZURE_40"),
    ]


@pytest.mark.slow
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_checkov_catches_defects_planted_in_copies_of_our_files(checkov_runs, framework):
    _, planted, expected = checkov_runs
    failed = {c["check_id"] for c in planted[framework]["results"]["failed_checks"]}
    assert set(expected[framework]) <= failed
