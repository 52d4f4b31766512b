"""Generate a new ML project: copier renders this repository's template, and nothing else runs.

The template is the repository itself (``copier.yml`` at the root, rendering the committed export
of the reference project in ``docs/accelerator/template/project``). Rendering from the Git
repository records the template commit in the project's ``.copier-answers.yml``, so
``copier update`` can later bring the project to a newer commit and keep its own edits.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from accelerator import REPO_ROOT

COPIER_FILE = REPO_ROOT / "copier.yml"


class AnswerError(ValueError):
    """An answer to the template's questions is unknown or invalid."""


@dataclass(frozen=True)
class Question:
    """One question of ``copier.yml``.

    Attributes:
        name: The answer's key.
        default: The default answer (may be a Jinja expression).
        choices: The allowed answers; empty when free text.
    """

    name: str
    default: Any
    choices: tuple[str, ...]


def questions() -> dict[str, Question]:
    """Read the questions a user answers from the root ``copier.yml``.

    Returns:
        Questions by name, in the file's order (settings and derived values left out).
    """
    raw = yaml.safe_load(COPIER_FILE.read_text(encoding="utf-8"))
    return {
        name: Question(name, spec.get("default"), tuple(spec.get("choices", ())))
        for name, spec in raw.items()
        if not name.startswith("_") and spec.get("when") is not False
    }


def check_answers(answers: Mapping[str, str]) -> dict[str, str]:
    """Check answer keys and choices before copier runs (copier's validators check the values).

    Args:
        answers: Answers by question name (a subset is fine; defaults fill the rest).

    Returns:
        The same answers as a plain dict.

    Raises:
        AnswerError: For an unknown question or an answer outside the choices; the message
            names the question and what is allowed.
    """
    known = questions()
    for key, value in answers.items():
        if key not in known:
            raise AnswerError(f"unknown question {key!r}; expected one of {', '.join(known)}")
        choices = known[key].choices
        if choices and value not in choices:
            raise AnswerError(f"{key}={value!r} is not allowed; choose one of {', '.join(choices)}")
    return dict(answers)


def default_ref(template: Path | str) -> str | None:
    """The template version copier renders when none is asked for, or ``None`` to let it choose.

    copier renders a Git template's newest release tag (a PEP 440 version, not a pre-release).
    Without one it renders ``HEAD``, but first prints "No git tags found in template; using
    HEAD as ref" in warning colours, which was the first line every ``new-project`` from a
    checkout printed. Naming ``HEAD`` in that case renders the same commit without the noise.

    Args:
        template: The template's folder.

    Returns:
        ``"HEAD"`` for a Git repository without release tags; ``None`` otherwise (a release tag
        exists, or the folder is no Git repository and copier renders it as it is).
    """
    import subprocess

    from packaging.version import InvalidVersion, Version

    listed = subprocess.run(
        ["git", "-C", str(template), "tag", "--list"], capture_output=True, text=True, check=False
    )
    if listed.returncode != 0:
        return None
    for tag in listed.stdout.split():
        try:
            if not Version(tag).is_prerelease:
                return None
        except InvalidVersion:
            continue
    return "HEAD"


def generate(
    dest: Path,
    answers: Mapping[str, str] | None = None,
    *,
    template: Path | str = REPO_ROOT,
    vcs_ref: str | None = None,
) -> dict[str, str]:
    """Render the template into ``dest`` with copier.

    Args:
        dest: The new project's folder (created; must be empty or absent).
        answers: Answers by question name; defaults for the rest.
        template: The template: this repository (a Git repository) or a copy of it.
        vcs_ref: Git tag or commit to render (default: the newest release tag, or ``HEAD``
            without one; see :func:`default_ref`).

    Returns:
        Every answer, as recorded in ``dest/.copier-answers.yml``.

    Raises:
        AnswerError: If an answer is unknown, outside its choices, or refused by a validator.
    """
    from copier import run_copy

    data = check_answers(answers or {})
    try:
        run_copy(
            str(template), dest, data=data, defaults=True, unsafe=False, quiet=True,
            vcs_ref=vcs_ref or default_ref(template),
        )  # fmt: skip
    except ValueError as exc:  # a copier validator refused an answer
        raise AnswerError(str(exc).removeprefix("Validation error for question ")) from exc
    from accelerator.template.render import answers_of

    return answers_of(dest)


def default_answers() -> dict[str, str]:
    """Every question's default, rendered as copier renders it (a default may use earlier answers).

    Returns:
        Answers by question name.
    """
    from jinja2 import Environment
    from jinja2_ansible_filters import AnsibleCoreFiltersExtension

    env = Environment(extensions=[AnsibleCoreFiltersExtension])
    answers: dict[str, str] = {}
    for name, question in questions().items():
        answers[name] = env.from_string(str(question.default)).render(**answers)
    return answers


def default_tree(depth: int = 2) -> list[str]:
    """The files and folders of a project generated with the default answers, to ``depth``.

    Computed from the export's file names (each rendered with the defaults), without rendering
    file contents, so the site can show it at build time.

    Args:
        depth: How many folder levels to list.

    Returns:
        Paths relative to the project, folders ending in ``/``, sorted.
    """
    from jinja2 import Environment
    from jinja2_ansible_filters import AnsibleCoreFiltersExtension

    from accelerator.template.export import EXPORT_DIR

    env = Environment(keep_trailing_newline=True, extensions=[AnsibleCoreFiltersExtension])
    answers: dict[str, Any] = default_answers()
    answers["project_slug"] = answers["package_name"].replace("_", "-")
    answers["_copier_conf"] = {"answers_file": ".copier-answers.yml"}
    paths: set[str] = set()
    for path in EXPORT_DIR.rglob("*"):
        if not path.is_file():
            continue
        parts = [env.from_string(p).render(**answers) for p in path.relative_to(EXPORT_DIR).parts]
        parts[-1] = re.sub(r"\.jinja$", "", parts[-1])
        if not all(parts):  # copier skips a path whose rendered name is empty
            continue
        rel = PurePosixPath(*parts)
        for level in range(1, min(depth, len(rel.parts)) + 1):
            is_folder = level < len(rel.parts)
            paths.add(PurePosixPath(*rel.parts[:level]).as_posix() + ("/" if is_folder else ""))
    return sorted(paths, key=lambda p: p.rstrip("/"))


def default_tree_markdown(depth: int = 2) -> str:
    """Show :func:`default_tree` as an indented ``text`` block.

    Args:
        depth: How many folder levels to show.

    Returns:
        A fenced ``text`` block, two spaces per level.
    """
    lines = [
        "  " * (path.rstrip("/").count("/"))
        + PurePosixPath(path.rstrip("/")).name
        + ("/" if path.endswith("/") else "")
        for path in default_tree(depth)
    ]
    return "```text\n" + "\n".join(lines) + "\n```\n"


def questions_table() -> str:
    """The template's questions as a Markdown table, read from ``copier.yml``.

    Returns:
        One row per question: name, help text, choices or default.
    """
    from accelerator.guidance.markdown import markdown_table

    raw = yaml.safe_load(COPIER_FILE.read_text(encoding="utf-8"))
    defaults = default_answers()
    rows = []
    for name, question in questions().items():
        derived = " (derived from the answers above)" if "{{" in str(question.default) else ""
        allowed = ", ".join(f"`{c}`" for c in question.choices)
        rows.append(
            (f"`{name}`", raw[name].get("help", ""), allowed or f"`{defaults[name]}`{derived}")
        )
    return markdown_table(["Question", "What it sets", "Choices or default"], rows)
