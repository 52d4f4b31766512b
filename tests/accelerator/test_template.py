"""The copier template: a current export, names from answers, every answer honoured, updates."""

from __future__ import annotations

import keyword
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from accelerator import REPO_ROOT, cli, scaffold
from accelerator.template import export
from accelerator.template.render import answers_of, render_from_export
from tests.accelerator.generated import (
    BROWSE,
    BrowsedRuns,
    browse_runs,
    git_init,
    readme_commands,
    readme_inline_commands,
    run_shell,
    user_env,
    why_it_failed,
)
from tests.conftest import missing_part
from tests.platform import checks
from tests.reference_impl import early_jobs

RUFF = Path(sys.executable).parent / "ruff"
# Answer sets that together take every value of every question at least once.
ANSWER_SETS = {
    "github-bicep": {"ci": "github", "iac": "bicep", "environments": "dev-test-prod"},
    "ado-terraform-batch": {
        "ci": "azure-devops",
        "iac": "terraform",
        "deployment": "batch",
        "task": "regression",
    },
    "github-terraform-online": {"ci": "github", "iac": "terraform", "deployment": "online"},
    "ado-bicep": {"ci": "azure-devops", "iac": "bicep"},
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("rendered")
    out = {}
    for name, answers in ANSWER_SETS.items():
        render_from_export(root / name, {"project_name": "Fraud detection", **answers})
        out[name] = root / name
    for name, project_name in (("long", "Customer lifetime value forecasting"), ("short", "Q")):
        render_from_export(root / name, {"project_name": project_name})
        out[name] = root / name
    return out


def text_files(project: Path) -> dict[str, str]:
    out = {}
    for path in project.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            try:
                out[path.relative_to(project).as_posix()] = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
    return out


def test_the_committed_export_is_current():
    said: list[str] = []
    assert export.main(["--check"], say=said.append) == 0, said


def test_the_export_is_the_reference_project_renamed():
    files = export.render_export()
    package = "{{ package_name }}/"
    assert f"{package}steps/train.py.jinja" in files
    assert "tests/lifecycle/test_lifecycle.py.jinja" in files
    assert not any("accelerator" in path for path in files)
    for path, data in files.items():
        if path.endswith((".py", ".py.jinja")):
            text = data.decode()
            assert not re.search(r"^\s*(from|import) accelerator\b", text, re.M), path
            assert "--8<--" not in text, path


@pytest.mark.parametrize("name", ["github-bicep", "long"])
def test_a_project_under_another_name_holds_no_trace_of_the_reference(rendered, name):
    found = {
        path: text.lower().count("churn")
        for path, text in text_files(rendered[name]).items()
        if "churn" in text.lower() or "--8<--" in text or "reference_impl" in text
    }
    assert found == {}
    identity = yaml.safe_load(next(rendered[name].glob("*/config/project.yaml")).read_text())
    package = answers_of(rendered[name])["package_name"]
    assert identity["azureml"]["component_prefix"] == f"{package}_"
    assert identity["outputs"] == {
        "probability": f"{package}_probability",
        "decision": f"{package}_flag",  # a classification's yes/no, as v1 named it
    }


@pytest.mark.parametrize("name", ["github-bicep", "long", "short"])
def test_generated_python_is_ruff_clean_for_short_and_long_names(rendered, name):
    project = rendered[name]
    for args in (["check", "--no-cache", "."], ["format", "--no-cache", "--check", "."]):
        result = subprocess.run([str(RUFF), *args], cwd=project, capture_output=True, text=True)
        assert result.returncode == 0, f"ruff {args[0]}:\n{result.stdout[-3000:]}"


def test_each_answer_decides_which_files_exist(rendered):
    def has(name: str, path: str) -> bool:
        return any(rendered[name].glob(path))

    assert has("github-bicep", ".github/workflows/infrastructure.yml")
    assert not has("github-bicep", ".github/workflows/infrastructure-terraform.yml")
    assert not has("github-bicep", "azure-pipelines.yml")
    assert has("github-bicep", "infra/bicep/main.test.parameters.json")
    assert has("github-bicep", "*/config/test.yaml")
    assert has("ado-terraform-batch", "azure-pipelines.yml")
    assert has("ado-terraform-batch", ".azure-pipelines/templates/terraform-stage.yml")
    assert not has("ado-terraform-batch", ".azure-pipelines/templates/bicep-stage.yml")
    assert not has("ado-terraform-batch", ".github")
    assert not has("ado-terraform-batch", "infra/bicep")
    assert has("ado-terraform-batch", "infra/terraform/envs/test.tfvars")
    assert has("ado-bicep", ".azuredevops/pull_request_template.md")


def test_the_task_answer_decides_the_label_the_gate_and_the_tests_sample(rendered):
    from reference_impl.config.model import EnvironmentConfig
    from reference_impl.contract import parse_contract

    for name, task in (("ado-terraform-batch", "regression"), ("github-bicep", "binary")):
        config = next(rendered[name].glob("*/config"))
        contract = parse_contract(yaml.safe_load((config / "contract.yaml").read_text()), name)
        assert contract.task == task
        dev = EnvironmentConfig.model_validate(yaml.safe_load((config / "dev.yaml").read_text()))
        sample = rendered[name] / "tests" / "sample_config"
        identity = yaml.safe_load(next(rendered[name].glob("*/config/project.yaml")).read_text())
        # a regression answers a number: "<package>_flag" named the predicted bill
        assert identity["outputs"]["decision"].endswith(
            "_prediction" if task == "regression" else "_flag"
        )
        if task == "regression":
            assert contract.label == "monthly_charges"
            assert "cancelled" in contract.feature_names  # the sample table's other label
            assert (dev.model.estimator, dev.gate.metric, dev.gate.direction) == (
                "sklearn.ensemble.HistGradientBoostingRegressor",
                "rmse",
                "lower",
            )
        else:
            assert (contract.label, dev.gate.metric) == ("cancelled", "roc_auc")
            # as generated, the team's configuration is the sample
            for path in sample.iterdir():
                assert path.read_text() == (config / path.name).read_text(), path.name
        # the lifecycle tests keep the binary sample they were written for, whatever the task
        # (a binary project had none: its tests broke once config/ named the team's own table)
        shipped = sorted(path.name for path in sample.iterdir())
        assert shipped == ["contract.yaml", "dev.yaml", "prod.yaml", "test.yaml"]
        assert "task: binary" in (sample / "contract.yaml").read_text()


ONLINE_CODE = ("*/commands/serve.py", "*/commands/rollback.py", "*/azureml/online.py")
ONLINE_CODE += ("*/scoring/score.py", "*/scoring/collect.py", "tests/lifecycle/test_serving.py")
BATCH_CODE = ("*/commands/batch_score.py", "*/scoring/batch_driver.py", "*/azureml/batch.py")
BATCH_CODE += ("tests/lifecycle/test_batch_scoring.py",)


@pytest.mark.parametrize(
    ("name", "kinds"),
    [
        ("github-bicep", ["online", "batch"]),
        ("ado-terraform-batch", ["batch"]),
        ("github-terraform-online", ["online"]),
    ],
)
def test_the_deployment_answer_decides_the_scoring_code_commands_and_tests(rendered, name, kinds):
    project = rendered[name]
    identity = yaml.safe_load(next(project.glob("*/config/project.yaml")).read_text())
    assert identity["deployments"] == kinds
    for pattern in ONLINE_CODE:
        assert bool(list(project.glob(pattern))) == ("online" in kinds), pattern
    for pattern in BATCH_CODE:
        assert bool(list(project.glob(pattern))) == ("batch" in kinds), pattern
    monitor = list(project.glob(".github/workflows/monitor.yml"))
    monitor += list(project.glob(".azure-pipelines/monitor.yml"))
    assert bool(monitor) == ("online" in kinds)  # the Azure ML monitor reads collected data
    package = next(project.glob("*/cli.py")).parent.name
    shown = subprocess.run(
        [sys.executable, "-m", package, "--help"],
        cwd=project, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert ("serve" in shown, "rollback" in shown) == ("online" in kinds,) * 2
    assert ("batch-score" in shown) == ("batch" in kinds)
    assert f"Azure ML {' and '.join(kinds)} endpoints" in " ".join(shown.split())


def test_the_readme_shows_exactly_two_commands_and_ci_runs_the_test_command(rendered):
    for project in rendered.values():
        assert readme_commands(project) == ["python3 dev.py train", "python3 dev.py test"]
    github = rendered["github-bicep"] / ".github" / "workflows" / "lint-and-unit-tests.yml"
    azure_devops = rendered["ado-bicep"] / "azure-pipelines.yml"
    for pipeline in (github, azure_devops):
        text = pipeline.read_text()
        assert "python3 dev.py test" in text and "-r cicd/uv-requirements.txt" in text
    assert (rendered["ado-bicep"] / "cicd" / "uv-requirements.txt").exists()


def test_infrastructure_variants_pass_checkov(rendered):
    uvx = checks.uvx_path()
    if uvx is None:
        missing_part("uvx (for checkov)")
    folders = [rendered["github-bicep"] / "infra" / "bicep"]
    folders.append(rendered["ado-terraform-batch"] / "infra" / "terraform")
    reports = checks.checkov_reports(checks.run_checkov(uvx, *folders))
    for framework in ("bicep", "terraform"):
        assert reports[framework]["summary"]["failed"] == 0, framework
        assert reports[framework]["summary"]["passed"] > 0


def test_workflow_variants_pass_zizmor(rendered):
    if not checks.ZIZMOR.exists():
        missing_part("zizmor")
    files = [
        p for name in ("github-bicep", "github-terraform-online")
        for p in sorted((rendered[name] / ".github" / "workflows").glob("*.yml"))
    ]  # fmt: skip
    result = subprocess.run(
        [str(checks.ZIZMOR), "--offline", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() in {"", "[]"}, result.stdout[-3000:]


# --------------------------------------------------------------------------- bad answers


def test_reserved_package_names_cover_keywords_and_the_standard_library():
    reserved = set(
        yaml.safe_load((REPO_ROOT / "copier.yml").read_text())["reserved_names"]["default"]
    )
    stdlib = {n for n in sys.stdlib_module_names if n.isidentifier() and not n.startswith("_")}
    expected = {n for n in stdlib | set(keyword.kwlist) if n == n.lower()}
    assert expected <= reserved
    assert {"tests", "docs", "infra"} <= reserved


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"project_name": "Fraud\n[tool.uv]\nindex-url = 'x'"}, "project_name must be 1-60"),
        ({"project_name": 'Fraud "detection"'}, "project_name must be 1-60"),
        ({"project_name": "Prévision des résiliations"}, "must be 1-60 ASCII letters"),
        ({"package_name": "json"}, "standard-library module"),
        ({"package_name": "class"}, "Python\nkeyword"),
        ({"package_name": "tests"}, "folder of the project"),
        ({"package_name": "My-Project"}, "lower-case Python identifier"),
        ({"package_name": "a" * 25}, "at most 24 characters"),
        ({"owners": "@org/team\n* @attacker"}, "owners must be one or more"),
        ({"repository": "not a repo"}, "repository must be owner/name"),
        ({"model_name": "a-model-name-that-is-far-too-long"}, "model_name must be 3-21"),
        ({"ci": "jenkins"}, "choose one of github, azure-devops"),
        ({"colour": "blue"}, "unknown question 'colour'"),
    ],
)
def test_bad_answers_are_refused_in_one_sentence_and_write_nothing(tmp_path, answers, message):
    with pytest.raises(scaffold.AnswerError) as refused:
        scaffold.generate(tmp_path / "p", answers, template=export.EXPORT_DIR.parents[3])
    assert " ".join(message.split()) in " ".join(str(refused.value).split())
    assert not (tmp_path / "p" / "pyproject.toml").exists()


@pytest.mark.parametrize(
    ("dest", "reason"),
    [
        ("file.txt", "it is a file, not a folder"),
        ("file.txt/project", "{tmp}/file.txt is a file"),
        ("a" * 300, "File name too long"),
    ],
    ids=["a-file", "under-a-file", "name-too-long"],
)
def test_new_project_names_a_dest_that_cannot_be_a_folder(tmp_path, capsys, dest, reason):
    (tmp_path / "file.txt").write_text("kept\n")
    assert cli.main(["new-project", str(tmp_path / dest)]) == 2
    expected = f"error: cannot generate into {tmp_path / dest}: {reason.format(tmp=tmp_path)}\n"
    assert capsys.readouterr().err == expected
    assert os.listdir(tmp_path) == ["file.txt"]
    assert (tmp_path / "file.txt").read_text() == "kept\n"


@pytest.mark.parametrize("argv", [["new-project", ""], ["assess", "--answers", ""]])
def test_an_empty_path_is_refused_not_taken_for_the_current_folder(
    tmp_path, capsys, monkeypatch, argv
):
    monkeypatch.chdir(tmp_path)  # Path("") is "."; new-project "" generated a project here
    with pytest.raises(SystemExit) as stopped:
        cli.main(argv)
    assert stopped.value.code == 2
    option = "--answers" if "--answers" in argv else "DEST"
    message = capsys.readouterr().err.strip().splitlines()[-1]
    assert message.endswith(f"argument {option}: it is empty: name a file or folder")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    ("answers", "derived"),
    [(["--answer", "project_name=2026 renewals"], True),
     (["--answer", "project_name=2026 renewals", "--answer", "package_name=2026"], False)],
    ids=["derived", "given"],
)  # fmt: skip
def test_a_refused_package_name_says_where_it_came_from(tmp_path, capsys, answers, derived):
    """``project_name=2026 renewals`` was refused for a package name nobody had typed."""
    assert cli.main(["new-project", str(tmp_path / "p"), *answers]) == 2
    err = capsys.readouterr().err
    assert "package_name must be a lower-case Python identifier" in err
    hint = "(it was derived from project_name '2026 renewals'; name the package with --answer"
    assert (hint in err) is derived
    assert not (tmp_path / "p").exists()


def test_new_project_exits_2_for_a_bad_answer_or_a_non_empty_folder(tmp_path, capsys):
    assert cli.main(["new-project", str(tmp_path / "p"), "--answer", "ci"]) == 2
    assert "expected KEY=VALUE" in capsys.readouterr().err
    twice = ["--answer", "project_name=Claims", "--answer", "project_name=Claims triage"]
    assert cli.main(["new-project", str(tmp_path / "p"), *twice]) == 2
    assert capsys.readouterr().err == (  # the last one was taken without a word
        "error: --answer project_name given twice ('Claims', then 'Claims triage'); answer each "
        "question once\n"
    )
    assert not (tmp_path / "p").exists()
    (tmp_path / "keep.txt").write_text("x")
    assert cli.main(["new-project", str(tmp_path)]) == 2
    assert "not empty" in capsys.readouterr().err


def test_the_default_ref_is_head_only_without_a_release_tag(tmp_path):
    """copier renders the newest release tag; without one, HEAD (which it announced in warning
    colours as the first line of every ``new-project`` from a checkout)."""
    repo = tmp_path / "template"
    repo.mkdir()
    assert scaffold.default_ref(repo) is None  # no Git repository: copier renders the folder
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.com"]
    for argv in (["init", "-q"], [*identity, "commit", "-q", "--allow-empty", "-m", "a"]):
        subprocess.run(["git", *argv], cwd=repo, check=True)
    for tag, expected in [("nightly", "HEAD"), ("v2.0.0rc1", "HEAD"), ("v1.2.0", None)]:
        subprocess.run(["git", "tag", tag], cwd=repo, check=True)
        assert scaffold.default_ref(repo) == expected, tag


def test_new_project_prints_no_copier_warning_about_tags(tmp_path, capfd):
    assert cli.main(["new-project", str(tmp_path / "p")]) == 0
    printed = capfd.readouterr()
    assert "No git tags found" not in printed.err + printed.out
    assert printed.out.startswith("generated 'Churn prediction' in ")


def test_dev_py_prints_its_help_and_names_an_unknown_command(rendered):
    """``python3 dev.py --help`` exited 2 and ``python3 dev.py trian`` printed the usage only;
    neither installs anything."""
    project = rendered["github-bicep"]
    typed = {line: subprocess.run(line, shell=True, cwd=project, capture_output=True, text=True,
                                  check=False)
             for line in ("python3 dev.py --help", "python3 dev.py trian")}  # fmt: skip
    helped, mistyped = typed.values()
    assert (helped.returncode, mistyped.returncode) == (0, 2), typed
    assert "python3 dev.py train [ARGS...]" in helped.stdout
    assert "python3 dev.py train [ARGS...]" in mistyped.stderr
    last = mistyped.stderr.strip().splitlines()[-1]
    assert last == "error: no command 'trian'; use train, test, run"
    assert not (project / ".venv").exists() and not (project / ".cache").exists()


def test_the_readme_names_its_commands_as_they_are_typed(rendered):
    """The README's prose said `python -m <package> contract infer --help`, which needs the
    project's environment active; its quick start never activates one, so every command it
    names goes through ``python3 dev.py run`` (the early job types them after the quick start)."""
    for name, project in rendered.items():
        text = (project / "README.md").read_text(encoding="utf-8")
        spans = re.findall(r"`([^`\n]*python -m [^`\n]*)`", text)
        assert spans, name
        assert [span for span in spans if not span.startswith("python3 dev.py run ")] == [], name
        assert len(readme_inline_commands(project)) == len(set(spans)), name


# --------------------------------------------------------------------------- real runs


def test_an_online_only_project_collects_every_test(rendered):
    """Its files are a subset of the default project's, whose commands the page's test runs.

    What an online-only project could still get wrong is a test or a module that needs a batch
    file it does not have: collecting its tests imports every one of them.
    """
    project = rendered["github-terraform-online"]
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=project, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert collected.returncode == 0, collected.stdout[-3000:] + collected.stderr[-3000:]
    assert "tests/lifecycle/test_serving.py::" in collected.stdout
    assert "tests/lifecycle/test_batch_scoring.py" not in collected.stdout


OWN_CONTRACT = """task: binary
id_column: policy_id
label: lapsed
features:
- name: premium
  kind: number
  minimum: 100
  maximum: 900
- name: has_claim
  kind: category
  categories: ['false', 'true']
"""
"""A team's first contract: its own table, nothing in common with the sample's."""


def test_a_teams_own_contract_in_config_leaves_the_tests_passing(rendered, tmp_path):
    """The first hour points ``config/`` at the team's own table, as the adapt page says. A
    binary project's tests read ``config/`` and checked the sample against that contract:
    ``python3 dev.py test`` then had 106 failures and 71 errors."""
    project = Path(shutil.copytree(rendered["github-bicep"], tmp_path / "project"))
    config = next(project.glob("*/config"))
    (config / "own.yaml").write_text(OWN_CONTRACT)
    for env in ("dev", "test", "prod"):
        path = config / f"{env}.yaml"
        text = path.read_text()
        assert text.count("  contract: contract.yaml") == 1, env
        path.write_text(text.replace("  contract: contract.yaml", "  contract: own.yaml"))
    tests = [  # two that read the configuration, as the sample's, then the team's own files
        "tests/azureml/test_dry_runs.py::test_dry_run_matches_the_golden_files[train]",
        "tests/azureml/test_http_drift_check.py::test_too_little_production_data_is_bad_data",
        # a copy of the package with one setting edited (tests/package_copy.py)
        "tests/azureml/test_lake_inputs.py::"
        "test_retraining_reads_the_newest_data_whatever_version_the_training_file_pins",
        "tests/test_config.py::test_the_projects_own_files_can_train",
    ]
    env = {k: v for k, v in os.environ.items() if k != "MLOPS_CONFIG_DIR"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert re.search(r"\b6 passed\b", done.stdout), done.stdout[-2000:]


TYPED = "ado-terraform-batch"
"""The answer set whose README the early job types. The default project (both deployments,
classification) runs its README commands in tests/examples/test_process_starting_a_project.py,
as the page types them; this is the set that differs most from it: Azure DevOps, Terraform,
batch only, regression."""


def generate_and_type_the_readme(
    folder: Path,
) -> tuple[str, subprocess.CompletedProcess, BrowsedRuns | Exception | None]:
    """Generate the project of :data:`TYPED` as a user does and type its README's commands.

    Minutes: it runs as an early job (tests/early_jobs.py), beside the rest of the suite.

    Returns:
        What ``new-project`` printed, the finished shell of the README's commands and, if they
        passed, what MLflow's UI started as the README shows served about their run (or why it
        did not: that test fails, not the one of the README's other commands).
    """
    project = folder / "project"
    answers = ["--answer", "project_name=Fraud detection"]
    answers += [
        arg for key, value in ANSWER_SETS[TYPED].items() for arg in ("--answer", f"{key}={value}")
    ]
    generated = subprocess.run(
        [sys.executable, "-m", "accelerator", "new-project", str(project), *answers],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    git_init(project)
    commands = readme_commands(project) + readme_inline_commands(project)  # the quick start first
    env = user_env(folder / "home")
    typed = run_shell(commands, project, env)
    if typed.returncode != 0:
        return generated.stdout, typed, None
    try:
        (ui,) = readme_commands(project, BROWSE)
        browsed: BrowsedRuns | Exception = browse_runs(ui, project, env)
    except Exception as exc:  # reported by the test of the UI
        browsed = exc
    return generated.stdout, typed, browsed


typed_readme = early_jobs.fixture("typed_readme", generate_and_type_the_readme)


@pytest.mark.slow
def test_a_generated_projects_readme_commands_pass_as_written(typed_readme):
    generated, result, _ = typed_readme
    assert "next: cd" in generated
    assert result.returncode == 0, why_it_failed(result)
    assert "registered: fraud-detection version 1" in result.stdout
    task = ANSWER_SETS[TYPED].get("task", "classification")
    metrics = "rmse .*, mae .*, r2" if task == "regression" else "roc_auc .*, pr_auc"
    assert re.search(f"holdout: {metrics}", result.stdout), result.stdout[-4000:]
    assert re.search(r"\n=+ \d+ passed", result.stdout), result.stdout[-2000:]
    assert "usage: python -m fraud_detection contract infer" in result.stdout  # prose commands


@pytest.mark.slow
def test_mlflows_ui_as_the_readme_starts_it_shows_the_quick_starts_run(typed_readme):
    """The README said nothing of where a run's metrics, plots and model card could be seen;
    its section on them starts MLflow's UI on the project's store, and Ctrl+C stops it."""
    _, result, browsed = typed_readme
    assert browsed is not None, why_it_failed(result)
    assert isinstance(browsed, BrowsedRuns), repr(browsed)
    assert {"alias": "champion", "version": "1"} in browsed.model["aliases"], browsed.model
    names = sorted(run["info"]["run_name"] for run in browsed.runs)
    steps = ["evaluate", "gate", "prep", "register", "review", "train", "validate"]
    assert names == sorted([*steps, "fraud-detection-training"]), names  # and the parent run
    data = {run["info"]["run_name"]: run["data"] for run in browsed.runs}
    assert {"estimator", "seed"} <= {p["key"] for p in data["train"]["params"]}, data["train"]
    main = "holdout_rmse" if ANSWER_SETS[TYPED].get("task") == "regression" else "holdout_roc_auc"
    assert main in {m["key"] for m in data["evaluate"]["metrics"]}, data["evaluate"]
    assert {"review/model_card.md", "review/fairness.json"} <= set(browsed.artifacts["review"])
    plots = [path for path in browsed.artifacts["evaluate"] if path.endswith(".png")]
    assert plots and all(path.startswith("evaluation/") for path in plots), browsed.artifacts
    # Ctrl+C is pressed once the UI is at rest (its job runners have started: ``settled``); MLflow
    # then prints the KeyboardInterrupt its CLI's thread shutdown ignores: the only error allowed
    errors = set(re.findall(r"^(\w+(?:Error|Exception|Interrupt))\b", browsed.output, re.M))
    assert errors <= {"KeyboardInterrupt"}, browsed.output[-4000:]


@pytest.mark.slow
def test_copier_update_brings_a_newer_template_and_keeps_local_edits(tmp_path):
    from copier import run_update

    template = tmp_path / "template"
    subprocess.run(["git", "clone", "-q", str(REPO_ROOT), str(template)], check=True)
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.com"]
    commit_a = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=template, capture_output=True, text=True, check=True
    ).stdout.strip()
    project = tmp_path / "project"
    scaffold.generate(
        project, {"project_name": "Fraud detection"}, template=template, vcs_ref=commit_a
    )
    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text())["_commit"]
    assert commit_a.startswith(recorded)  # copier records the abbreviated commit
    git_init(project)
    card = project / "model-card.md"
    card.write_text(card.read_text() + "\nOwner's note: reviewed by the fraud team.\n")
    subprocess.run(["git", *identity, "commit", "-qam", "local edit"], cwd=project, check=True)

    readme = template / "docs/accelerator/template/project/README.md.jinja"
    readme.write_text(readme.read_text() + "\n## Support\n\nAsk the platform team.\n")
    subprocess.run(
        ["git", *identity, "commit", "-qam", "template change"], cwd=template, check=True
    )
    run_update(project, defaults=True, overwrite=True, quiet=True, vcs_ref="HEAD", unsafe=False)
    assert "Owner's note: reviewed by the fraud team." in card.read_text()
    assert "## Support" in (project / "README.md").read_text()
    commit_b = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=template, capture_output=True, text=True, check=True
    ).stdout.strip()
    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text())["_commit"]
    assert commit_b.startswith(recorded) and not commit_a.startswith(recorded)
    assert not list(project.rglob("*.rej"))
    shutil.rmtree(template)


@pytest.mark.slow
def test_copier_update_adds_the_other_kind_of_deployment(tmp_path):
    """The command the page and the identity error give: a batch-only project gets online."""
    template = tmp_path / "template"
    subprocess.run(["git", "clone", "-q", str(REPO_ROOT), str(template)], check=True)
    project = tmp_path / "project"
    answers = {"project_name": "Fraud detection", "deployment": "batch"}
    scaffold.generate(project, answers, template=template, vcs_ref="HEAD")
    git_init(project)
    assert not list(project.glob("*/commands/serve.py"))
    copier = Path(sys.executable).parent / "copier"
    command = "copier update --defaults --data deployment=both"
    done = subprocess.run(
        [str(copier), *command.split()[1:]], cwd=project, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    identity = yaml.safe_load(next(project.glob("*/config/project.yaml")).read_text())
    assert identity["deployments"] == ["online", "batch"]
    assert list(project.glob("*/commands/serve.py")) and list(project.glob("*/scoring/score.py"))
    assert list(project.glob("tests/lifecycle/test_serving.py"))
    assert yaml.safe_load((project / ".copier-answers.yml").read_text())["deployment"] == "both"
