"""Render the template with copier: from this repository (what users run) or from the export.

Rendering from the repository goes through git, so copier records the template's commit and
``copier update`` works; rendering straight from the export folder is quicker and is what the
export's own checks use.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

import yaml

from accelerator import REPO_ROOT
from accelerator.template.export import EXPORT_DIR


def answers_of(dest: Path) -> dict[str, str]:
    """The answers recorded in a generated project.

    Args:
        dest: The generated project.

    Returns:
        Answers by question (copier's own ``_`` keys left out).
    """
    recorded = yaml.safe_load((dest / ".copier-answers.yml").read_text(encoding="utf-8"))
    return {k: v for k, v in recorded.items() if not k.startswith("_")}


def render_from_export(dest: Path, answers: Mapping[str, str] | None = None) -> None:
    """Render the committed export into ``dest`` (no git involved).

    Args:
        dest: The new project's folder.
        answers: Answers by question; defaults for the rest.
    """
    from copier import run_copy

    config = yaml.safe_load((REPO_ROOT / "copier.yml").read_text(encoding="utf-8"))
    config.pop("_subdirectory", None)
    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "template"
        shutil.copytree(EXPORT_DIR, template)
        (template / "copier.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
        run_copy(str(template), dest, data=dict(answers or {}), defaults=True, quiet=True)
