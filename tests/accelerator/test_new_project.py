"""The project generator: every option combination, single source of truth, copier update."""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from accelerator import cli, scaffold
from accelerator.guidance.project_checklist import missing_inclusions
from tests.conftest import missing_part
from tests.platform import checks

OPTIONS = {name: q.choices for name, q in scaffold.questions().items() if q.choices}
COMBINATIONS = [
    dict(zip(OPTIONS, values, strict=True)) for values in itertools.product(*OPTIONS.values())
]
TIMINGS: dict[str, float] = {}


def uv_path() -> str | None:
    uvx = checks.uvx_path()
    candidate = Path(uvx).with_name("uv") if uvx else None
    return str(candidate) if candidate and candidate.exists() else shutil.which("uv")


def project_env() -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT"}
    }
    return {**env, "UV_PYTHON": f"{sys.version_info.major}.{sys.version_info.minor}"}


def key(combo: dict[str, str]) -> str:
    return "-".join(combo.values())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, tuple[dict[str, str], Path]]:
    root = tmp_path_factory.mktemp("combos")
    start = time.perf_counter()
    out = {}
    for i, combo in enumerate(COMBINATIONS):
        dest = root / f"p{i:02d}"
        answers = scaffold.generate(dest, {**combo, "package_name": f"proj_{i:02d}"})
        out[key(combo)] = (answers, dest)
    TIMINGS["render-48"] = time.perf_counter() - start
    print(f"\nrendered {len(out)} combinations in {TIMINGS['render-48']:.1f} s")
    return out


def files_of(dest: Path) -> list[str]:
    return sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file())


def copied(answers: dict[str, str]) -> set[str]:
    envs = scaffold.ENV_CHOICES[answers["environments"]]
    pkg = answers["package_name"]
    out = {f"{pkg}/{p.as_posix()}" for p in scaffold.lifecycle_files(envs)}
    out |= set(scaffold.cicd_files(answers["ci"], answers["iac"]))
    return out | set(scaffold.infra_files(answers["iac"], envs))


def test_every_option_combination_is_rendered(rendered):
    assert len(COMBINATIONS) == 2 * 2 * 2 * 3 * 2 == len(rendered) == 48


def test_rendered_scaffolding_has_no_template_markers(rendered):
    for answers, dest in rendered.values():
        for rel in set(files_of(dest)) - copied(answers):
            text = (dest / rel).read_text(encoding="utf-8")
            assert not re.search(r"(?<!\$)\{\{|\{%|\[\[", text), f"{dest.name}/{rel}"


def test_generated_python_is_ruff_clean(rendered):
    dests = [str(dest) for _, dest in rendered.values()]
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run(
        [str(ruff), "check", "--no-cache", "--quiet", *dests], capture_output=True, text=True
    )
    # The copied azureml modules are checked in this repository; count only what the template adds.
    problems = [
        line
        for line in result.stdout.splitlines()
        if re.search(r"/p\d\d/(tests|[^/]+\.py)", line) or ": I001" in line
    ]
    assert not problems, result.stdout[-3000:]


def test_yaml_files_parse_and_choices_are_applied(rendered):
    for answers, dest in rendered.values():
        files = files_of(dest)
        for rel in files:
            if rel.endswith((".yml", ".yaml")):
                assert yaml.safe_load((dest / rel).read_text(encoding="utf-8")) is not None, rel
        github = any(f.startswith(".github/workflows/") for f in files)
        ado = "azure-pipelines.yml" in files
        assert (github, ado) == (answers["ci"] == "github", answers["ci"] == "azure-devops")
        bicep = any(f.startswith("infra/bicep/") for f in files)
        terraform = any(f.startswith("infra/terraform/") for f in files)
        assert (bicep, terraform) == (answers["iac"] == "bicep", answers["iac"] == "terraform")
        other_iac = "terraform" if answers["iac"] == "bicep" else "infrastructure.yml"
        assert not [f for f in files if f.endswith(("yml",)) and other_iac in f]


def test_only_the_chosen_environments_are_configured(rendered):
    for answers, dest in rendered.values():
        envs = scaffold.ENV_CHOICES[answers["environments"]]
        pkg = answers["package_name"]
        assert sorted(p.stem for p in (dest / pkg / "config").glob("*.yaml")) == sorted(envs)
        platform = [f for f in files_of(dest) if f.startswith(("infra/", ".github/", ".azure"))]
        named = {m.group(1) for f in platform for m in [re.search(r"(dev|test|prod)\.", f)] if m}
        assert named == set(envs)
        if "test" in envs:
            continue
        for rel in [f for f in files_of(dest) if f.startswith((".github/", ".azure", "azure-"))]:
            text = (dest / rel).read_text(encoding="utf-8")
            for stale in ("target: test", "[dev, test", "infra-test", "SOURCE=test", "[test,"):
                assert stale not in text, f"{rel}: {stale}"


def test_generated_projects_hold_every_checklist_inclusion_but_the_lock(rendered):
    for _, dest in rendered.values():
        assert [i.id for i in missing_inclusions(files_of(dest))] == ["lockfile"]


def test_answers_show_in_readme_codeowners_and_review_template(rendered):
    answers, dest = rendered[key(COMBINATIONS[-1])]
    assert answers["owners"] in (dest / "CODEOWNERS").read_text(encoding="utf-8")
    folder = ".github" if answers["ci"] == "github" else ".azuredevops"
    review = (dest / folder / "pull_request_template.md").read_text(encoding="utf-8")
    from accelerator.guidance.model_review import review_policy

    assert all(c.check in review for c in review_policy().checks)
    readme = (dest / "README.md").read_text(encoding="utf-8")
    assert f"uv run python -m {answers['package_name']} train" in readme
    regression = [d for a, d in rendered.values() if a["task"] == "regression"]
    assert all("Limitation: regression" in (d / "README.md").read_text() for d in regression)


# --------------------------------------------------------------------------- single source


def test_copied_modules_equal_the_source_but_for_the_import_prefix(rendered):
    answers, dest = next(iter(rendered.values()))
    pkg = answers["package_name"]
    envs = scaffold.ENV_CHOICES[answers["environments"]]
    for rel in scaffold.lifecycle_files(envs):
        source = (scaffold.PACKAGE_DIR / rel).read_bytes()
        generated = (dest / pkg / rel).read_bytes()
        if rel.suffix in {".py", ".md", ".yaml", ".json"}:
            source = source.replace(b"reference_impl", pkg.encode())
        assert generated == source, rel


def test_the_template_holds_no_copy_of_any_lifecycle_module():
    bodies = {
        p.read_text(encoding="utf-8").strip()
        for p in scaffold.PACKAGE_DIR.rglob("*.py")
        if "template" not in p.parts
    }
    template_files = [p for p in scaffold.TEMPLATE_DIR.rglob("*") if p.is_file()]
    assert not [p for p in template_files if p.suffix == ".py"]
    for path in template_files:
        text = path.read_text(encoding="utf-8").replace("{{ package_name }}", "reference_impl")
        assert text.strip() not in bodies, path


def test_the_lifecycle_excludes_guidance_and_what_imports_it():
    names = {p.as_posix() for p in scaffold.lifecycle_files()}
    assert {"cli.py", "commands/train.py", "pipeline/graph.py", "steps/train.py"} <= names
    assert not {"commands/assess.py", "commands/new_project.py", "config/table.py"} & names
    assert not any(n.startswith(("guidance/", "infra/", "cicd/", "template/")) for n in names)


def test_template_dependencies_are_the_reference_implementations():
    import tomllib

    ours = tomllib.loads((scaffold.PACKAGE_DIR.parent / "pyproject.toml").read_text())
    text = (scaffold.TEMPLATE_DIR / "project" / "pyproject.toml.jinja").read_text()
    deps = re.search(r"dependencies = \[(.*?)\]", text, re.S).group(1)
    assert re.findall(r'"([^"]+)"', deps) == ours["project"]["dependencies"]


# --------------------------------------------------------------------------- tools on variants


def distinct(rendered, prefix: str) -> list[Path]:
    seen: dict[str, Path] = {}
    for answers, dest in rendered.values():
        folder = dest / prefix
        if not folder.exists():
            continue
        digest = hashlib.sha256()
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            body = path.read_bytes().replace(answers["package_name"].encode(), b"pkg")
            digest.update(path.relative_to(folder).as_posix().encode() + body)
        seen.setdefault(digest.hexdigest(), folder)
    return list(seen.values())


@pytest.mark.slow
def test_checkov_passes_every_distinct_infrastructure_variant(rendered):
    uvx = checks.uvx_path()
    if uvx is None:
        missing_part("uvx (for checkov)")
    variants = distinct(rendered, "infra/bicep") + distinct(rendered, "infra/terraform")
    assert len(variants) == 4
    reports = checks.checkov_reports(checks.run_checkov(uvx, *variants))
    for framework in ("bicep", "terraform"):
        assert reports[framework]["summary"]["failed"] == 0, framework
        assert reports[framework]["summary"]["passed"] > 0


def test_zizmor_passes_every_distinct_workflow_variant(rendered):
    if not checks.ZIZMOR.exists():
        missing_part("zizmor")
    variants = distinct(rendered, ".github/workflows")
    assert len(variants) == 4  # bicep/terraform × two environment sets
    files = [p for v in variants for p in sorted(v.glob("*.yml"))]
    result = subprocess.run(
        [str(checks.ZIZMOR), "--offline", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() in {"", "[]"}, result.stdout[-3000:]


# --------------------------------------------------------------------------- command line


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--answer", "ci=jenkins"], "choose one of github, azure-devops"),
        (["--answer", "colour=blue"], "unknown question 'colour'"),
        (["--answer", "package_name=My-Project"], "lower-case Python identifier"),
        (["--answer", "package_name=class"], "lower-case Python identifier"),
        (["--answer", "package_name=tests"], "clashes with a folder"),
        (["--answer", "ci"], "expected KEY=VALUE"),
        (["--answer", "project_name= "], "must not be empty"),
    ],
)
def test_bad_answers_exit_2_with_a_clear_message(tmp_path, capsys, args, message):
    assert cli.main(["new-project", str(tmp_path / "p"), "--defaults", *args]) == 2
    assert message in capsys.readouterr().err


def test_a_non_empty_destination_is_refused(tmp_path, capsys):
    (tmp_path / "keep.txt").write_text("x")
    assert cli.main(["new-project", str(tmp_path), "--defaults"]) == 2
    assert "not empty" in capsys.readouterr().err


def test_new_project_with_defaults_prints_the_next_commands(tmp_path, capsys):
    dest = tmp_path / "p"
    assert cli.main(["new-project", str(dest), "--defaults", "--answer", "iac=terraform"]) == 0
    out = capsys.readouterr().out
    assert "uv run pytest && uv run python -m churn_prediction train" in out
    assert (dest / "infra" / "terraform" / "main.tf").exists()


# --------------------------------------------------------------------------- representative subset


def run_project(dest: Path, package: str) -> None:
    uv = uv_path()
    if uv is None:
        missing_part("uv")
    env = project_env()
    tests = subprocess.run(
        [uv, "run", "pytest", "-q"], cwd=dest, env=env, capture_output=True, text=True
    )
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-3000:]
    train = subprocess.run(
        [uv, "run", "python", "-m", package, "train", "--workdir", str(dest / ".mlops")],
        cwd=dest,
        env=env,
        capture_output=True,
        text=True,
    )
    assert train.returncode == 0, train.stdout[-3000:] + train.stderr[-3000:]
    assert "registered:" in train.stdout


def test_the_default_project_passes_its_own_tests_and_trains(tmp_path):
    dest = tmp_path / "p"
    answers = scaffold.generate(dest)
    run_project(dest, answers["package_name"])


@pytest.mark.slow
def test_an_azure_devops_terraform_regression_project_passes_its_own_tests(tmp_path):
    dest = tmp_path / "q"
    combo = {"ci": "azure-devops", "iac": "terraform", "environments": "dev-prod"}
    combo |= {"task": "regression", "deployment": "batch", "package_name": "contoso_renewal"}
    run_project(dest, scaffold.generate(dest, combo)["package_name"])


# --------------------------------------------------------------------------- copier update


def git(cwd: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def test_copier_update_brings_a_template_change_without_conflicts(tmp_path):
    from copier import run_update

    template = tmp_path / "template"
    shutil.copytree(scaffold.TEMPLATE_DIR, template)
    git(template, "init", "-q", "-b", "main")
    git(template, "add", "-A")
    git(template, "commit", "-q", "-m", "v1")
    git(template, "tag", "v1")
    dest = tmp_path / "project"
    scaffold.generate(dest, {"ci": "github"}, template=template, vcs_ref="v1")
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "generated")
    gitignore = template / "project" / ".gitignore"
    gitignore.write_text(gitignore.read_text() + "# added in v2\nscratch/\n")
    git(template, "commit", "-q", "-am", "v2")
    git(template, "tag", "v2")
    run_update(dest, defaults=True, overwrite=True, unsafe=False, quiet=True, vcs_ref="v2")
    assert "scratch/" in (dest / ".gitignore").read_text()
    answers = yaml.safe_load((dest / ".copier-answers.yml").read_text())
    assert answers["_commit"] == "v2"
    conflicts = [p for p in dest.rglob("*.rej")] + [
        p for p in dest.rglob("*") if p.is_file() and b"<<<<<<<" in p.read_bytes()
    ]
    assert not conflicts


def test_the_page_tree_lists_the_default_project():
    tree = scaffold.default_tree_markdown()
    assert tree.startswith("```text\n.copier-answers.yml\n")
    assert "\nchurn_prediction/\n" in tree
