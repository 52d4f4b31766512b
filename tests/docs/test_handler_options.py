"""The API reference's handler options are still validated with pydantic, here instead of per build.

``docs/hooks/handler_options.py`` has every build load mkdocstrings-python with plain
dataclasses; these tests build with the handler loaded first, pydantic visible, so its options
are validated as mkdocstrings-python does when pydantic is installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, mkdocs_build
from tests.docs import chain
from tests.docs.mkdocstrings_site import write_config

HOOK = chain.DOCS / "hooks" / "handler_options.py"

VALIDATING_BUILD = (
    "import mkdocstrings_handlers.python\n"  # first, with pydantic: the hook leaves it be
    "from pydantic.dataclasses import is_pydantic_dataclass\n"
    "assert is_pydantic_dataclass(mkdocstrings_handlers.python.PythonOptions)\n"
    "from mkdocs.__main__ import cli\n"
    "cli(prog_name='mkdocs')\n"
)


def validating_build(config: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """A strict build of ``config`` with the handler's options validated by pydantic."""
    return subprocess.run(
        [sys.executable, "-c", VALIDATING_BUILD, "build", "--strict", "-f", str(config),
         "-d", str(site_dir)],
        cwd=config.parent, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_the_sites_handler_options_pass_pydantic_validation(tmp_path: Path) -> None:
    done = validating_build(ROOT / "mkdocs.yml", tmp_path / "site")
    assert done.returncode == 0, done.stderr[-3000:]


def test_the_sites_config_loads_the_handler_with_plain_dataclasses() -> None:
    probe = (
        "from mkdocs.config import load_config\n"
        "config = load_config('mkdocs.yml')\n"
        "config.plugins.on_config(config)\n"  # mkdocstrings loads its handler here
        "from mkdocstrings_handlers.python import PythonOptions\n"
        "from pydantic.dataclasses import is_pydantic_dataclass\n"
        "print(is_pydantic_dataclass(PythonOptions))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split() == ["False"]


def test_a_wrongly_typed_option_passes_a_build_and_fails_the_validating_one(
    tmp_path: Path,
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "pkg.py").write_text('"""A module."""\n')
    (tmp_path / "docs" / "index.md").write_text("# API\n\n::: pkg\n")
    config = write_config(tmp_path, [HOOK], "{show_source: sometimes}")
    assert mkdocs_build(config, tmp_path / "plain").returncode == 0  # the hook is in effect
    done = validating_build(config, tmp_path / "validated")
    assert done.returncode != 0
    assert "validation error for PythonOptions\nshow_source" in done.stdout + done.stderr
