"""Read a YAML file a person wrote, turning each way it can be unusable into one sentence.

The configuration, the contract and the project identity are all edited by hand, so each of
them can be missing, a folder, saved in another encoding or broken half-way. PyYAML's own
message spans several lines and quotes the lines around the problem, which may hold a secret
pasted by mistake; the sentence here says where the problem is and what it is, not the text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class YamlFileError(ValueError):
    """A YAML file is missing, cannot be read, is not UTF-8 or is not YAML."""


def yaml_problem(exc: yaml.YAMLError) -> str:
    """Say where and what a YAML error is, without the file's text.

    Args:
        exc: What ``yaml.safe_load`` raised.

    Returns:
        ``"at line L, column C: PROBLEM (CONTEXT from line K)"``; the parts PyYAML did not
        give are left out.
    """
    problem = getattr(exc, "problem", None) or type(exc).__name__
    context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and start is not None:  # e.g. the quoted text that never ends
        problem += f" ({context} from line {start.line + 1})"
    mark = getattr(exc, "problem_mark", None)
    if mark is None:
        return problem
    return f"at line {mark.line + 1}, column {mark.column + 1}: {problem}"


def read_yaml(path: Path, label: str) -> Any:
    """Parse the YAML file ``path``.

    Args:
        path: The file.
        label: How the message names the file, e.g. ``"contract config/contract.yaml"``.

    Returns:
        What the file holds (``None`` for an empty file).

    Raises:
        YamlFileError: One sentence starting with ``label``: the file is missing, cannot be
            read (a folder, no permission, a name too long), holds bytes that are not UTF-8
            (the line is named) or is not YAML (line, column and the problem are named).
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise YamlFileError(f"{label}: file not found") from None
    except OSError as exc:
        raise YamlFileError(f"{label}: cannot read the file: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise YamlFileError(
            f"{label}: line {line} is not UTF-8 text; save the file as UTF-8"
        ) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise YamlFileError(f"{label}: not valid YAML {yaml_problem(exc)}") from None
