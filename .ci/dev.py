#!/usr/bin/env python3
"""One entry point for the two README commands: ``serve`` the site and ``test`` everything.

It needs nothing but Python (>= 3.11). On first use it installs a pinned ``uv`` into
``.cache/uv-bootstrap`` (git-ignored), then lets uv create ``.venv`` from the committed
``uv.lock``. Every later call only re-checks the lock (about a second).

Usage::

    python3 .ci/dev.py serve            # http://127.0.0.1:8000, reloads on edits
    python3 .ci/dev.py test [PYTEST_ARGS...]   # ruff check + format --check, then pytest
    python3 .ci/dev.py build            # strict build into site/
    python3 .ci/dev.py run CMD...       # any command inside the project environment
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The template's dev.py (the generated project's two commands) owns the pinned uv and its
# bootstrap; this repository uses the same code rather than a second copy.
sys.path.insert(0, str(ROOT / "docs" / "accelerator" / "template" / "scaffold"))
import dev as project_dev  # noqa: E402

# Coverage floors checked after a full test run (per package, not a blended total).
COVERAGE_FLOORS = {"examples": 100, "reference_impl": 90, "docs/accelerator": 90}


def _say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def _env() -> dict[str, str]:
    env = project_dev.uv_env(ROOT)  # no foreign venv; bytecode kept in .cache/pycache
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    return env


def _uv(*args: str) -> int:
    """Run ``uv ARGS`` here, in this repository's environment (the generated project's runner)."""
    return project_dev.uv(*args, root=ROOT, env=_env())


def _sync() -> None:
    project_dev.sync(ROOT)  # the generated project's sync


def _run(*cmd: str) -> int:
    return _uv("run", "--locked", "--no-sync", *cmd)


def serve(args: list[str]) -> int:
    """Serve the site with live reload on http://127.0.0.1:8000."""
    _sync()
    return _run("mkdocs", "serve", "--dev-addr", "127.0.0.1:8000", *args)


def build(args: list[str]) -> int:
    """Build the site strictly into ``site/``."""
    _sync()
    return _run("mkdocs", "build", "--strict", *args)


def test(args: list[str]) -> int:
    """Run every test under coverage; on a full run also enforce the per-package floors."""
    project_dev.prune_bytecode(project_dev.bytecode_prefix(ROOT))  # earlier runs' tmp folders
    _sync()
    shutil.rmtree(ROOT / ".cache" / "coverage", ignore_errors=True)
    (ROOT / ".cache" / "coverage").mkdir(parents=True, exist_ok=True)
    if not args:  # a full run lints and checks the formatting first, as CI does
        for check in (("ruff", "check", "."), ("ruff", "format", "--check", ".")):
            rc = _run(*check)
            if rc != 0:
                _say(f"{' '.join(check)} failed")
                return rc
    rc = _run("coverage", "run", "-m", "pytest", *args)
    if rc != 0:
        return rc
    if args:
        _say("partial run: coverage floors are only enforced on a full run")
        return 0
    _run("coverage", "combine", "--quiet")
    for package, floor in COVERAGE_FLOORS.items():
        _say(f"coverage of {package}/ (floor {floor}%)")
        rc = _run(
            "coverage",
            "report",
            f"--include={package}/*",
            f"--fail-under={floor}",
            "--skip-covered",
            "--show-missing",
        )
        if rc != 0:
            _say(f"coverage of {package}/ is below {floor}%")
            return rc
    return 0


def run(args: list[str]) -> int:
    """Run any command inside the project environment."""
    _sync()
    return _run(*args)


COMMANDS = {"serve": serve, "test": test, "build": build, "run": run}


def main(argv: list[str]) -> int:
    """Dispatch ``argv[0]`` to one of :data:`COMMANDS`."""
    return project_dev.dispatch(argv, COMMANDS, __doc__ or "")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
