"""Release workflows check the gate before traffic moves; monitoring acts on exit 3."""

from __future__ import annotations

from typing import Any

import pytest

from tests.platform import checks

GITHUB = checks.CICD / "github" / "workflows"
ADO = checks.CICD / "azure-devops"


def github_scripts(name: str) -> list[str]:
    workflow = checks.load_yaml(GITHUB / name)
    jobs = workflow["jobs"].values()
    return [step.get("run", "") for job in jobs for step in job.get("steps", [])]


def ado_scripts(name: str) -> list[str]:
    pipeline = checks.load_yaml(ADO / name)
    scripts: list[str] = []
    for stage in pipeline.get("stages", []):
        for job in stage.get("jobs", []):
            steps: list[dict[str, Any]] = (
                job["strategy"]["runOnce"]["deploy"]["steps"]
                if "deployment" in job
                else job.get("steps", [])
            )
            for step in steps:
                scripts.append(step.get("script") or step.get("inputs", {}).get("inlineScript", ""))
    return scripts


def position(scripts: list[str], *needles: str) -> int:
    hits = [i for i, text in enumerate(scripts) if all(n in text for n in needles)]
    assert hits, f"no step runs {needles}"
    return hits[0]


@pytest.mark.parametrize("scripts", [github_scripts, ado_scripts], ids=["github", "azure-devops"])
def test_deploy_checks_the_gate_before_the_release(scripts: Any) -> None:
    steps = scripts("deploy.yml")
    check = position(steps, "reference_impl deploy --target azureml", "--check-gate")
    release = [
        i
        for i, text in enumerate(steps)
        if "reference_impl deploy --target azureml" in text and "--check-gate" not in text
    ]
    assert release and check < release[0], "the gate check runs before traffic moves"


@pytest.mark.parametrize("scripts", [github_scripts, ado_scripts], ids=["github", "azure-devops"])
def test_monitor_retrains_when_the_check_exits_3(scripts: Any) -> None:
    steps = scripts("monitor.yml")
    schedules = position(steps, "reference_impl monitor --target azureml --env prod\n")
    check = position(steps, "monitor --target azureml --env prod --check")
    assert schedules < check
    assert '"$code" -eq 3' in steps[check], "exit 3 (drift) starts the retraining stage"
