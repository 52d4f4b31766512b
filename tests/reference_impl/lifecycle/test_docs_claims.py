"""What the lifecycle pages show readers is what the code does: commands parse, outputs match."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from reference_impl.cli import build_parser
from reference_impl.data import DRIFTED_BATCH
from tests.reference_impl.identity import MODEL
from tests.reference_impl.lifecycle.conftest import ROOT, Lifecycle, call

PAGES = [
    ROOT / "docs" / "getting-started" / "quick-tour.md",
    ROOT / "docs" / "technology" / "training-pipeline.md",
    ROOT / "docs" / "technology" / "registry-and-promotion-gate.md",
    ROOT / "docs" / "technology" / "deployment.md",
    ROOT / "docs" / "technology" / "monitoring.md",
]
FENCE = re.compile(r"^```(\w+)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def fences(page: Path, lang: str) -> list[str]:
    return [body for kind, body in FENCE.findall(page.read_text()) if kind == lang]


def shell_commands(page: Path) -> list[list[str]]:
    commands = []
    for body in fences(page, "sh"):
        for line in body.replace("\\\n", " ").splitlines():
            if line.startswith("python -m reference_impl "):
                commands.append(shlex.split(line)[3:])
    return commands


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_every_command_shown_parses(page: Path) -> None:
    commands = shell_commands(page)
    assert commands, f"{page.name} shows no reference_impl command"
    parser = build_parser()
    for argv in commands:
        parser.parse_args(argv)  # exits with code 2 on an unknown option


def test_quick_tour_runs_every_lifecycle_command() -> None:
    shown = {argv[0] for argv in shell_commands(PAGES[0])}
    assert shown >= {"train", "serve", "batch-score", "monitor"}


def test_the_quick_tours_mlflow_ui_command_opens_the_store_train_writes(
    lifecycle: Lifecycle,
) -> None:
    """The tour's table names ``mlflow ui --backend-store-uri sqlite:////tmp/mlops-tour/...``:
    MLflow takes that option, the URI is the tour's workdir's ``mlflow.db``, and a store
    opened that way lists what ``train`` registered."""
    from click.testing import CliRunner
    from mlflow import MlflowClient
    from mlflow.cli import cli as mlflow_cli

    (command,) = re.findall(r"`(mlflow ui [^`]+)`", PAGES[0].read_text())
    argv = shlex.split(command)
    assert argv[:3] == ["mlflow", "ui", "--backend-store-uri"] and len(argv) == 4
    assert CliRunner().invoke(mlflow_cli, ["ui", "--help"]).output.count("--backend-store-uri")
    tour = shell_commands(PAGES[0])[0]
    assert argv[3] == f"sqlite:///{tour[tour.index('--workdir') + 1]}/mlflow.db"
    uri = f"sqlite:///{lifecycle.workdir}/mlflow.db"  # both: the ui serves runs and registry
    store = MlflowClient(tracking_uri=uri, registry_uri=uri)  # (not a registry set before)
    assert [model.name for model in store.search_registered_models()] == [MODEL]


def test_gate_output_shown_for_the_worse_challenger_is_real(lifecycle: Lifecycle) -> None:
    out = lifecycle.runs["worse"].out
    for page in (PAGES[0], PAGES[2]):
        shown = [block for block in fences(page, "text") if "gate: rejected" in block]
        assert shown, page.name
        for line in shown[0].splitlines():
            if line.strip().startswith(("- ", "gate:")):
                assert line in out, line


def test_first_run_output_shown_in_the_quick_tour_is_real(lifecycle: Lifecycle) -> None:
    shown = next(block for block in fences(PAGES[0], "text") if "gate: approved" in block)
    for line in shown.splitlines():
        assert line in lifecycle.runs["first"].out


def test_drift_figures_on_the_monitoring_page_are_real(lifecycle: Lifecycle) -> None:
    code, _, _ = call(
        ["monitor", "--workdir", str(lifecycle.workdir), "--current", str(DRIFTED_BATCH)]
    )
    assert code == 3
    report = json.loads((lifecycle.workdir / "monitoring" / "week-02" / "report.json").read_text())
    text = PAGES[4].read_text()
    for feature in report["drifted_features"]:
        assert f"`{feature}` ({report['features'][feature]['psi']:.2f})" in text
    assert f"(PSI {report['features']['total_charges']['psi']:.2f})" in text


def test_the_server_settings_the_pages_name_are_the_ones_applied() -> None:
    """The deployment pages spell out ``GUNICORN_CMD_ARGS``; a change of the rule must show."""
    from reference_impl.azureml.online import INSTANCE_CPUS
    from reference_impl.scoring.server_settings import settings_for

    applied = settings_for(INSTANCE_CPUS).environment()["GUNICORN_CMD_ARGS"]
    pages = [PAGES[3], ROOT / "docs" / "technology" / "online-and-batch-deployment.md"]
    spelled = [
        m for page in pages for m in re.findall(r"`GUNICORN_CMD_ARGS=([^`]*)`", page.read_text())
    ]
    assert spelled and set(spelled) == {applied}, spelled
    rows = re.findall(r"^\| `GUNICORN_CMD_ARGS` \| `([^`]*)`", PAGES[3].read_text(), re.MULTILINE)
    assert " ".join(rows) == applied  # one table row per option, in order
