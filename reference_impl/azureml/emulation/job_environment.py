"""The job environment on this machine: a virtual environment of the job's own pins.

Built with uv from :func:`~reference_impl.azureml.environment.pip_requirements` (the same list
the Azure ML environment's conda file carries, including the pins that differ from the lock
and the Azure-only packages) for the job's Python, and reused while the pins stay the same.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

NOT_INHERITED = ("VIRTUAL_ENV", "MLFLOW_", "AZUREML_", "PYTHONPATH", "PYTHONPYCACHEPREFIX")
"""This shell's settings a job on Azure ML would not see (prefixes of variable names)."""
COMPLETE = ".complete"
"""Written into an environment's folder once its pins are installed (it lists them)."""


def inherited_environment() -> dict[str, str]:
    """This shell's environment variables without those a job on Azure ML would not see."""
    return {k: v for k, v in os.environ.items() if not k.startswith(NOT_INHERITED)}


class JobEnvironmentError(RuntimeError):
    """The job environment cannot be built here (no uv, no matching Python, pins unresolvable)."""


def _uv() -> str:
    uv = os.environ.get("UV") or shutil.which("uv")
    if not uv:
        raise JobEnvironmentError(
            "the emulation builds the job environment with uv: run it through the project's "
            "dev.py (which provides uv) or put uv on PATH"
        )
    return uv


def missing_uv(root: Path) -> str | None:
    """Why no job environment can be had here, before anything is imported or built.

    An environment built earlier under ``root`` needs no uv (:func:`job_python` reuses it when
    the pins are the same, and says so itself when they are not).

    Args:
        root: Folder of the environments, as passed to :func:`job_python`.

    Returns:
        One sentence when uv is missing and no environment was built under ``root``, else
        ``None``.
    """
    if any(root.glob(f"*/{COMPLETE}")):
        return None
    try:
        _uv()
    except JobEnvironmentError as exc:
        return str(exc)
    return None


# --8<-- [start:job-python]
def job_python(requirements: Sequence[str], python: str, root: Path) -> Path:
    """The interpreter of a virtual environment holding exactly ``requirements``.

    Args:
        requirements: ``name==version`` pins of the job environment.
        python: The job's Python version, e.g. ``3.11``.
        root: Folder of the environments (one sub-folder per distinct set of pins).

    Returns:
        Path of the environment's ``python``.

    Raises:
        JobEnvironmentError: If uv is missing, the Python version is not available, or the
            pins do not install.
    """
    key = hashlib.sha256("\n".join([python, *requirements]).encode()).hexdigest()[:12]
    venv = root / key
    interpreter = venv / "bin" / "python"
    if (venv / COMPLETE).is_file():
        return interpreter
    uv = _uv()
    shutil.rmtree(venv, ignore_errors=True)
    env = inherited_environment()
    # Compiled as pip compiles what it installs (and Azure ML's image build uses pip), into the
    # environment's own __pycache__ folders (no PYTHONPYCACHEPREFIX): each step is a new process,
    # and where PYTHONDONTWRITEBYTECODE is set each would compile MLflow, pandas and scikit-learn
    # again.
    install = [uv, "pip", "install", "--quiet", "--compile-bytecode", "--python", str(interpreter)]
    steps = ([uv, "venv", "--quiet", "--python", python, str(venv)], [*install, *requirements])
    for step in steps:
        done = subprocess.run(step, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            detail = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise JobEnvironmentError(f"cannot build the job environment: {detail}")
    (venv / COMPLETE).write_text("\n".join(requirements) + "\n", encoding="utf-8")
    return interpreter
    # --8<-- [end:job-python]
