#!/usr/bin/env python3
"""The project's two commands, on a machine with nothing but Python (>= 3.11).

    python3 dev.py train [ARGS...]   # the lifecycle on the sample data, into .mlops/
    python3 dev.py test [ARGS...]    # ruff check, ruff format --check, then pytest
    python3 dev.py run CMD...        # any command inside the project environment

On first use it installs a pinned ``uv`` into ``.cache/uv-bootstrap`` (git-ignored), then uv
creates ``.venv`` from the committed ``uv.lock``; later calls only re-check the lock.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import venv
from collections.abc import Callable
from pathlib import Path

UV_VERSION = "0.13.9"
ROOT = Path(__file__).resolve().parent


def say(message: str) -> None:
    """Print a progress line."""
    print(f"[dev] {message}", flush=True)


def bootstrap_uv(root: Path = ROOT) -> str:
    """Return a uv binary of the pinned version, installing it under ``root/.cache`` if needed.

    Args:
        root: The project (or repository) folder.

    Returns:
        The path of the uv executable.
    """
    folder = root / ".cache" / "uv-bootstrap"
    bindir = folder / ("Scripts" if os.name == "nt" else "bin")
    own = bindir / ("uv.exe" if os.name == "nt" else "uv")
    # A uv of the pinned version already installed (CI installs it with hashes) is used as is.
    for uv in (own, shutil.which("uv")):
        if uv and Path(uv).exists():
            out = subprocess.run(
                [str(uv), "--version"], capture_output=True, text=True, check=False
            )
            if out.returncode == 0 and UV_VERSION in out.stdout:
                return str(uv)
    say(f"installing uv {UV_VERSION} into {folder.relative_to(root)} (first run only)")
    venv.EnvBuilder(with_pip=True, clear=True).create(folder)
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, f"uv=={UV_VERSION}"], check=True)
    return str(own)


def uv_env(root: Path = ROOT) -> dict[str, str]:
    """The environment uv and its commands run in: this process's, bytecode kept in ``.cache``.

    Without a foreign active venv. Python writes a module's bytecode the first time a command
    imports it, into ``.cache/pycache`` (outside the source tree), and later processes reuse
    it, even where ``PYTHONDONTWRITEBYTECODE`` is set (as on some CI machines): otherwise every
    new process would compile MLflow, scikit-learn and pandas again. Only what is imported gets
    compiled (a few seconds, once), not the whole environment (about 15 s per new lock file).

    Args:
        root: The project (or repository) folder.
    """
    env = dict(os.environ)
    env.pop("VIRTUAL_ENV", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(bytecode_prefix(root))
    return env


def bytecode_prefix(root: Path = ROOT) -> Path:
    """Where the commands keep their bytecode (``PYTHONPYCACHEPREFIX``)."""
    return root / ".cache" / "pycache"


def prune_bytecode(prefix: Path) -> None:
    """Drop kept bytecode whose source folder is gone, such as the tests' temporary folders.

    Below ``prefix`` each source folder's bytecode sits at the folder's own absolute path
    (without a Windows drive letter, so the current drive is assumed).

    Args:
        prefix: The ``PYTHONPYCACHEPREFIX`` folder.
    """
    anchor = Path.cwd().anchor
    for folder, children, _ in os.walk(prefix):
        parts = Path(folder).relative_to(prefix).parts
        if parts and not Path(anchor, *parts).is_dir():
            shutil.rmtree(folder, ignore_errors=True)
            children.clear()


def uv(*args: str, root: Path = ROOT, env: dict[str, str] | None = None) -> int:
    """Run ``uv ARGS`` in ``root`` and wait for it, through Ctrl-C too.

    Ctrl-C reaches every process in the terminal's foreground group, so the command uv runs
    gets it as well and stops in its own way (a server shuts down, pytest prints what it
    had). This process keeps waiting for that instead of stopping at once with a traceback
    of its own, and returns the command's exit code.

    Args:
        args: uv's arguments.
        root: The folder uv runs in.
        env: The environment; :func:`uv_env` of ``root`` if not given.

    Returns:
        uv's exit code (for ``uv run``, the command's).
    """
    command = [bootstrap_uv(root), *args]
    with subprocess.Popen(command, cwd=root, env=env or uv_env(root)) as process:
        while True:
            try:
                return process.wait()
            except KeyboardInterrupt:
                continue


def sync(root: Path = ROOT) -> None:
    """Create or update ``.venv`` from the lock file; exit if the lock is out of date."""
    rc = uv("sync", "--locked", "--quiet", root=root)
    if rc != 0:
        sys.exit(f"[dev] uv sync failed (exit {rc}); is uv.lock up to date with pyproject.toml?")


def run(*cmd: str) -> int:
    """Run a command inside the project environment.

    Returns:
        Its exit code.
    """
    return uv("run", "--locked", "--no-sync", *cmd)


def package() -> str:
    """The project's package name, read from ``pyproject.toml``."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return project["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"][0]


def train(args: list[str]) -> int:
    """Train locally: validate, prep, train, evaluate, review, gate and register."""
    sync()
    return run("python", "-m", package(), "train", *args)


def test(args: list[str]) -> int:
    """Lint, check the formatting, then run every test."""
    prune_bytecode(bytecode_prefix())  # earlier runs' temporary folders
    sync()
    for check in (("ruff", "check", "."), ("ruff", "format", "--check", ".")):
        rc = run(*check)
        if rc != 0:
            return rc
    return run("pytest", *args)


COMMANDS = {"train": train, "test": test, "run": lambda args: (sync(), run(*args))[1]}


def dispatch(argv: list[str], commands: dict[str, Callable[[list[str]], int]], usage: str) -> int:
    """Run the command ``argv[0]`` names with the rest of ``argv``.

    Args:
        argv: The command line after the script's name.
        commands: Each command's function, by name.
        usage: What ``-h`` or ``--help`` prints, and a wrong command line on stderr.

    Returns:
        The command's exit code; 0 after the help; 2 for no command or an unknown one, which
        is named.
    """
    if argv[:1] in (["-h"], ["--help"]):
        print(usage)
        return 0
    if not argv or argv[0] not in commands:
        print(usage, file=sys.stderr)
        if argv:
            print(f"error: no command {argv[0]!r}; use {', '.join(commands)}", file=sys.stderr)
        return 2
    return commands[argv[0]](argv[1:])


def main(argv: list[str]) -> int:
    """Dispatch ``argv[0]`` to one of :data:`COMMANDS`."""
    return dispatch(argv, COMMANDS, __doc__ or "")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
