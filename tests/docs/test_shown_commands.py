"""Every ``python -m reference_impl`` line a page shows is a command the CLI takes as typed.

Readers copy these lines. Each one parses with the real parser, so an option renamed or
removed in the code fails here, on whichever page still shows it. The dry runs — the Azure ML
commands a reader can run without a subscription — run as typed, in a folder of their own:
each exits 0 and writes nothing on standard error (azure-ai-ml's "experimental class" notices
reached the reader there).
"""

from __future__ import annotations

import contextlib
import io
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from reference_impl.cli import build_parser
from tests.docs.page_commands import ROOT, page_fences
from tests.reference_impl import early_jobs

PREFIX = ["python", "-m", "reference_impl"]


def shown_commands() -> list[tuple[str, list[str]]]:
    """``(page, argv)`` of every ``python -m reference_impl`` line in a page's ``sh`` fences."""
    pages = sorted(p for p in (ROOT / "docs").rglob("*.md") if "accelerator" not in p.parts)
    found = []
    for page in pages:
        for fence in page_fences(page):
            if fence.lang != "sh":
                continue
            for line in "\n".join(fence.body).replace("\\\n", " ").splitlines():
                words = shlex.split(line, comments=True)
                if words[:3] == PREFIX:
                    found.append((str(page.relative_to(ROOT / "docs")), words[3:]))
    return found


COMMANDS = shown_commands()
DRY_RUNS = [(page, argv) for page, argv in COMMANDS if "--dry-run" in argv]


def _id(page: str, argv: list[str]) -> str:
    return f"{page}:{' '.join(argv)}"


def test_the_pages_show_commands_and_dry_runs_of_each_azure_command() -> None:
    assert len(COMMANDS) > 30
    assert {argv[0] for _, argv in DRY_RUNS} == {"train", "promote", "deploy", "monitor"}


@pytest.mark.parametrize("argv", [argv for _, argv in COMMANDS], ids=[_id(*c) for c in COMMANDS])
def test_a_shown_command_parses(argv: list[str]) -> None:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            build_parser().parse_args(argv)
        except SystemExit as exc:  # --help exits 0; an unknown option or value exits 2
            assert exc.code == 0, err.getvalue()


def run_the_dry_runs(folder: Path) -> list[subprocess.CompletedProcess[str]]:
    """Each shown dry run as typed, from a folder of its own (its ``--out`` lands there)."""
    done = []
    for index, (_, argv) in enumerate(DRY_RUNS):
        here = folder / str(index)
        here.mkdir()
        env = early_jobs.environ() | {"PYTHONPATH": str(ROOT)}  # as from the repository
        command = [sys.executable, "-m", "reference_impl", *argv]
        done.append(
            subprocess.run(command, cwd=here, env=env, capture_output=True, text=True, timeout=300)
        )
    return done


shown_dry_runs = early_jobs.fixture("shown_dry_runs", run_the_dry_runs)


@pytest.mark.parametrize("index", range(len(DRY_RUNS)), ids=[_id(*c) for c in DRY_RUNS])
def test_a_shown_dry_run_runs_as_typed_with_nothing_on_stderr(
    shown_dry_runs: list[subprocess.CompletedProcess[str]], index: int
) -> None:
    done = shown_dry_runs[index]
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.strip()
    if "--out" in (argv := DRY_RUNS[index][1]):
        assert not Path(argv[argv.index("--out") + 1]).is_absolute()  # it wrote into its folder
