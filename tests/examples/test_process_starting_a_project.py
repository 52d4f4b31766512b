"""Claims of docs/process/starting-a-project.md."""

import re
import subprocess
from pathlib import Path

import pytest

from accelerator import REPO_ROOT as ROOT
from examples.process.starting_a_project import check_new_repo
from tests.accelerator.generated import readme_commands, run_shell, user_env, why_it_failed


def test_contoso_repo_has_level_one_and_lacks_five_level_two_items(capsys):
    check_new_repo.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Up to level 1: missing nothing"
    level_two = lines[1].split("missing ")[1].split(", ")
    assert level_two == [
        "environment-config",
        "training-pipeline",
        "data-contract",
        "ci-workflow",
        "codeowners",
    ]
    assert lines[2].endswith("scoring-script, model-card, monitoring-config")


def test_the_page_tree_is_the_default_project(tmp_path):
    from accelerator.scaffold import default_tree
    from accelerator.template.render import render_from_export

    render_from_export(tmp_path / "p")
    found = {
        p.relative_to(tmp_path / "p").as_posix() + ("/" if p.is_dir() else "")
        for p in (tmp_path / "p").rglob("*")
        if len(p.relative_to(tmp_path / "p").parts) <= 2
    }
    assert set(default_tree(2)) == found
    assert {"README.md", "dev.py", "uv.lock", "churn_prediction/", "tests/", "infra/"} <= found


def page_commands() -> list[str]:
    """The lines of the page's shell block that generates a project and runs its commands."""
    page = (ROOT / "docs" / "process" / "starting-a-project.md").read_text()
    (block,) = [b for b in re.findall(r"```sh\n(.*?)```", page, re.S) if "copier copy" in b]
    return [line for line in block.splitlines() if line.strip()]


def type_the_page_commands(folder: Path) -> tuple[subprocess.CompletedProcess, Path]:
    """Type the page's commands as a user whose home is ``folder/home`` (minutes: an early job).

    Returns:
        The finished shell and the generated project.
    """
    home = folder / "home"
    (home / "projects").mkdir(parents=True)
    env = user_env(home) | {"PYTHONDONTWRITEBYTECODE": "1"}  # as some CI machines set it
    result = run_shell(page_commands(), ROOT, env)
    return result, home / "projects" / "fraud-detection"


def source_pycache_folders(project: Path) -> list[str]:
    """``__pycache__`` folders in the project outside ``.venv`` and ``.cache``."""
    return [
        str(found.relative_to(project))
        for found in project.rglob("__pycache__")
        if found.relative_to(project).parts[0] not in {".venv", ".cache"}
    ]


@pytest.mark.slow
@pytest.mark.early.with_args(type_the_page_commands)
def test_the_pages_commands_generate_a_project_whose_own_commands_pass(early_result):
    result, project = early_result
    assert result.returncode == 0, why_it_failed(result)
    assert page_commands()[2:] == readme_commands(project)  # the page shows the README's commands
    assert "registered: fraud-detection version 1" in result.stdout
    assert re.search(r"\n=+ \d+ passed", result.stdout), result.stdout[-2000:]
    # dev.py keeps bytecode in .cache/pycache, though the shell sets PYTHONDONTWRITEBYTECODE
    kept = project / ".cache" / "pycache"
    assert any(kept.rglob("fraud_detection/cli.*.pyc")), "no bytecode kept for the package"
    assert source_pycache_folders(project) == []
