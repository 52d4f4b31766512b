"""The two-command promise, CI wiring and workflow hygiene."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.conftest import mkdocs_config
from tests.reference_impl.terminal import Terminal

ROOT = Path(__file__).resolve().parents[2]
ZIZMOR = str(Path(sys.executable).parent / "zizmor")
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "the Quick start section has no sh block"
    return [line for line in block[1].splitlines() if line.strip() and not line.startswith("#")]


def test_quick_start_has_exactly_two_commands_serve_then_test():
    serve, test = quick_start_commands()
    assert serve == "python3 .ci/dev.py serve"
    assert test == "python3 .ci/dev.py test"


@pytest.mark.parametrize(
    ("line", "code", "error"),
    [
        ("python3 .ci/dev.py --help", 0, None),
        ("python3 .ci/dev.py -h", 0, None),
        ("python3 .ci/dev.py tset", 2, "error: no command 'tset'; use serve, test, build, run"),
        ("python3 .ci/dev.py", 2, None),
    ],
)
def test_dev_py_prints_its_help_and_names_an_unknown_command(line, code, error):
    """``--help`` exited 2, as a mistyped command did, and a mistyped one was not named."""
    done = subprocess.run(line, shell=True, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == code, done.stdout + done.stderr
    usage = done.stdout if code == 0 else done.stderr
    assert "python3 .ci/dev.py test [PYTEST_ARGS...]" in usage
    assert (done.stderr.strip().splitlines()[-1] if error else None) == error


def test_serve_command_binds_the_documented_address():
    source = (ROOT / ".ci" / "dev.py").read_text()
    assert '"--dev-addr", "127.0.0.1:8000"' in source
    assert "http://127.0.0.1:8000" in (ROOT / "README.md").read_text()


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def home_page(url: str) -> str | None:
    with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")
    return None


def test_the_serve_command_serves_the_site_as_typed_and_stops_on_ctrl_c(built_site, tmp_path):
    """The README's first command, typed in the repository's root; then Ctrl-C, as users stop it."""
    if not port_is_free(8000):
        pytest.skip("another program holds 127.0.0.1:8000, the address the command documents")
    url = "http://127.0.0.1:8000" + urlsplit(mkdocs_config()["site_url"]).path
    env = {**os.environ, "TMPDIR": str(tmp_path)}  # its build folder goes where pytest cleans
    with Terminal(quick_start_commands()[0], ROOT, env) as terminal:
        page = terminal.wait_until(lambda: home_page(url), "the home page")
        assert "<title>Azure ML-Ops Accelerator - Azure ML-Ops Accelerator</title>" in page
        assert "Serving on http://127.0.0.1:8000/" in terminal.output()

        terminal.press_ctrl_c()

    shown = terminal.output()
    assert "Shutting down..." in shown, shown  # MkDocs' own way out
    assert "Traceback" not in shown, shown
    assert port_is_free(8000)


def test_ci_runs_the_readme_test_command_and_nothing_else():
    lines = [
        line
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[-1] == "exec " + quick_start_commands()[1]
    assert all(line.startswith(("set ", "cd ", "exec ")) for line in lines)


def test_the_readme_names_every_benchmark_script():
    """The layout table's ``benchmarks/`` row lists each script a reader can run, and no other."""
    row = next(
        line for line in (ROOT / "README.md").read_text().splitlines() if "`benchmarks/`" in line
    )
    named = set(re.findall(r"`(\w+\.py)`", row))
    on_disk = {p.name for p in (ROOT / "benchmarks").glob("*.py") if not p.name.startswith("_")}
    assert named == on_disk, f"README names {sorted(named)}, benchmarks/ holds {sorted(on_disk)}"


def test_lock_file_is_committed_and_current():
    uv = ROOT / ".cache" / "uv-bootstrap" / "bin" / "uv"
    binary = str(uv) if uv.exists() else shutil.which("uv")
    assert binary, "uv is installed by .ci/dev.py before the tests run"
    done = subprocess.run(
        [binary, "lock", "--check"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def uses_lines() -> list[tuple[Path, str]]:
    found = []
    for workflow in WORKFLOWS:
        for line in workflow.read_text().splitlines():
            if m := re.match(r"\s*(?:-\s*)?uses:\s*(\S+)", line):
                found.append((workflow, m[1]))
    return found


def test_every_action_is_pinned_by_commit_sha():
    assert uses_lines()
    for workflow, ref in uses_lines():
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), f"{workflow.name}: {ref}"


def test_workflows_declare_least_permissions():
    for workflow in WORKFLOWS:
        data = yaml.safe_load(workflow.read_text())
        assert data["permissions"] == {}, f"{workflow.name}: top-level permissions must be empty"
        for name, job in data["jobs"].items():
            assert "permissions" in job, f"{workflow.name}:{name} has no permissions block"
            assert "write-all" not in str(job["permissions"])


def test_ci_workflow_runs_ci_run():
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    steps = ci["jobs"]["test"]["steps"]
    assert any(step.get("run") == "bash .ci/run" for step in steps)
    assert True in ci or "on" in ci  # PyYAML reads the `on:` key as True
    triggers = ci.get(True, ci.get("on"))
    assert "pull_request" in triggers


def test_pages_workflow_deploys_the_strict_build():
    pages = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    build_steps = pages["jobs"]["build"]["steps"]
    assert any("dev.py build" in step.get("run", "") for step in build_steps)
    assert pages["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def zizmor(*paths: Path) -> list[dict]:
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "zizmor"),
            "--offline",
            "--format",
            "json",
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.strip(), done.stderr
    return json.loads(done.stdout)


def test_zizmor_finds_nothing_in_our_workflows():
    findings = zizmor(*WORKFLOWS)
    assert [f["ident"] for f in findings] == []


def test_zizmor_catches_a_planted_unpinned_action(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: pull_request\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-24.04\n"
        "    permissions: {}\n    steps:\n      - uses: actions/checkout@v4\n"
    )
    idents = {f["ident"] for f in zizmor(bad)}
    assert "unpinned-uses" in idents
