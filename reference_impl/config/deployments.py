"""Which endpoints the project has: ``deployments`` in ``config/project.yaml``.

A project generated for online scoring only has no batch scoring code, and one for batch only
has no online serving code; the command line offers only the commands the project has. This
module reads the one line quickly (``--help`` must not wait for pydantic);
:func:`~reference_impl.config.project.load_project` validates the whole file.
"""

from __future__ import annotations

import re
from pathlib import Path

KINDS = ("online", "batch")


class ProjectError(ValueError):
    """``config/project.yaml`` cannot be used; the message names the file and each bad key.

    Every command reads the identity, so the command line answers this with one sentence and
    exit code 2, wherever the file is first read.
    """


PROJECT_FILE = Path(__file__).resolve().parent / "project.yaml"
_LINE = re.compile(r"^deployments:\s*\[([^\]]*)\]", re.M)


def deployments(path: Path = PROJECT_FILE) -> tuple[str, ...]:
    """The project's kinds of deployment, in the order the file names them.

    Args:
        path: The identity file (defaults to the shipped ``config/project.yaml``).

    Returns:
        ``("online", "batch")``, ``("online",)`` or ``("batch",)``.

    Raises:
        ValueError: If the file cannot be read, does not name them as the identity rules say,
            or names a kind whose scoring code the project was generated without.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):  # read_project below says what is wrong with it
        text = ""
    match = _LINE.search(text)
    kinds = tuple(k.strip() for k in match.group(1).split(",") if k.strip()) if match else ()
    if (
        kinds
        and set(kinds) <= set(KINDS)
        and len(set(kinds)) == len(kinds)
        and all(code_of(kind).is_file() for kind in kinds)
    ):
        return kinds
    from reference_impl.config.project import read_project  # its error names the key

    return read_project(path).deployments


SCORING_CODE = {"online": "scoring/score.py", "batch": "scoring/batch_driver.py"}
"""The scoring code each kind of deployment runs (part of every job's code snapshot)."""


def code_of(kind: str) -> Path:
    """The scoring code of ``kind``; a project generated without that kind lacks it.

    Args:
        kind: ``online`` or ``batch``.

    Returns:
        The file in this package.
    """
    return Path(__file__).resolve().parents[1] / SCORING_CODE[kind]
