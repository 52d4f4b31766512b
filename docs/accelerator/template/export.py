"""Export the reference project into the copier template (``docs/accelerator/template/project``).

The reference project is ``reference_impl/`` with its tests (``tests/reference_impl/``), IaC
(``reference_impl/infra/``) and CI/CD (``reference_impl/cicd/``). A team copies it whole, renaming
only, so the export is the reference project with:

* the package renamed: ``reference_impl`` → ``{{ package_name }}``, ``tests.reference_impl`` →
  ``tests``; the IaC under ``infra/`` and the CI/CD where the chosen system reads it;
* the project's names (``config/project.yaml``) replaced by the answers they derive from;
* snippet markers (``# --8<-- [start:…]``) removed — they serve the accelerator's site only;
* files that differ per answer (the ``test`` environment, the CI system, the IaC language, the
  deployment) written once per variant behind a Jinja condition, and whole files that an answer
  leaves out behind a conditional file name;
* the template-only files (README, project file, lock file, ``dev.py``) from ``scaffold/``.

Nothing is copied after copier renders it, so ``copier update`` can replay the template.
Run ``python -m accelerator.template.export`` after changing the reference project and commit
the result; ``--check`` reports a stale export (a test runs it).
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from accelerator import PROJECT_DIR, REPO_ROOT
from accelerator.template import tasks, variants
from accelerator.template.identity import identity_substitutions, project_yaml_template
from accelerator.template.pyproject import pyproject_template

TEMPLATE_DIR = Path(__file__).resolve().parent
EXPORT_DIR = TEMPLATE_DIR / "project"
SCAFFOLD_DIR = TEMPLATE_DIR / "scaffold"
LOCK_TEMPLATE = SCAFFOLD_DIR / "uv.lock.jinja"
TESTS_DIR = REPO_ROOT / "tests" / "reference_impl"
PACKAGE = "{{ package_name }}"
SKIP_PARTS = frozenset({"__pycache__", ".pytest_cache"})
# Tests of the site's claims about the reference project: they read the site's pages, so they
# stay with the accelerator.
SITE_ONLY_TESTS = frozenset({"lifecycle/test_docs_claims.py"})
# The whole ``train --target azureml --emulate`` run builds a second virtual environment from the
# job's pins (hundreds of MB) and runs every step in it: minutes. The accelerator runs it on the
# same code; a generated project keeps the stand-in's own tests and a short test command.
REFERENCE_ONLY_TESTS = frozenset({"azureml/test_emulation.py"})
SNIPPET_MARKER = re.compile(
    r"^[ \t]*(?:#|//)[ \t]*--8<--[ \t]*\[(?:start|end):[\w-]+\][ \t]*\n", re.M
)
_JINJA_OPENERS = re.compile(r"\{\{|\{%|\{#")


@dataclass(frozen=True)
class Source:
    """One file of the export: where it comes from and how its text is adapted.

    Attributes:
        target: Path in the generated project (may contain a Jinja condition).
        source: The reference file.
        variant: Which answers change the text (see :mod:`accelerator.template.variants`).
    """

    target: str
    source: Path
    variant: str = ""


def escape_jinja(text: str) -> str:
    """Make ``text`` render to itself under Jinja.

    Args:
        text: Any text.

    Returns:
        ``text`` with every ``{{``, ``{%`` and ``{#`` written as a Jinja string expression.
    """
    return _JINJA_OPENERS.sub(lambda m: "{{ '" + m.group() + "' }}", text)


def strip_snippet_markers(text: str) -> str:
    """Remove the site's ``# --8<-- [start:x]`` / ``[end:x]`` lines.

    Args:
        text: Source text.

    Returns:
        The text without marker lines.
    """
    return SNIPPET_MARKER.sub("", text)


def rename_package(text: str) -> str:
    """Point the reference project's paths and imports at the generated layout.

    Args:
        text: Source text (already Jinja-escaped).

    Returns:
        The text with the tests, IaC and CI/CD paths of the generated project and
        ``reference_impl`` renamed to the package name.
    """
    for old, new in (
        ("tests.reference_impl", "tests"),
        ("tests/reference_impl", "tests"),
        ("reference_impl/infra/", "infra/"),
        ("reference_impl/cicd/gates", "infra/gates"),
        ("reference_impl/cicd/uv-requirements.txt", "cicd/uv-requirements.txt"),
    ):
        text = text.replace(old, new)
    return re.sub(r"\breference_impl\b", PACKAGE, text)


def adapt(text: str, substitutions: Sequence[tuple[re.Pattern[str], str]]) -> str:
    """Turn a reference file's text into template text (for one variant of the answers).

    Args:
        text: The file as it is in the reference project.
        substitutions: The project-name substitutions (pattern → Jinja expression).

    Returns:
        Template text: escaped, markers stripped, renamed.
    """
    text = rename_package(escape_jinja(strip_snippet_markers(text)))
    for pattern, expression in substitutions:
        text = pattern.sub(expression, text)
    return text


def _files(root: Path) -> Iterable[Path]:
    for path in sorted(root.rglob("*")):
        if path.is_file() and not SKIP_PARTS.intersection(path.parts):
            yield path


def sources() -> list[Source]:
    """List every exported file with its place in the generated project.

    Returns:
        Sources in a stable order.
    """
    found: list[Source] = []
    for path in _files(PROJECT_DIR):
        rel = path.relative_to(PROJECT_DIR)
        if rel.parts[0] in {"infra", "cicd"}:
            continue
        found.append(Source(variants.package_target(rel), path, variants.package_variant(rel)))
        if tasks.is_task_file(PurePosixPath(rel.as_posix())):  # the tests' sample, as shipped
            found.append(Source(variants.sample_config_target(rel.name), path))
    for path in _files(PROJECT_DIR / "infra"):
        rel = path.relative_to(PROJECT_DIR / "infra")
        target = variants.infra_target(rel)
        if target:
            found.append(Source(target, path, "environments"))
    for path in _files(PROJECT_DIR / "cicd"):
        rel = path.relative_to(PROJECT_DIR / "cicd")
        for target in variants.cicd_targets(rel):
            found.append(Source(target, path, "environments"))
    for path in _files(TESTS_DIR):
        rel = path.relative_to(TESTS_DIR)
        if rel.as_posix() in SITE_ONLY_TESTS | REFERENCE_ONLY_TESTS:
            continue
        found.append(Source(variants.tests_target(rel), path, variants.tests_variant(rel)))
    return found


def _is_text(path: Path) -> bool:
    try:
        path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return False
    return True


def render_export() -> dict[str, bytes]:
    """Compute the whole export in memory.

    Returns:
        Relative path in the export folder → file content.
    """
    substitutions = identity_substitutions()
    out: dict[str, bytes] = {}
    for src in sources():
        if not _is_text(src.source):
            out[src.target] = src.source.read_bytes()
            continue
        text = src.source.read_text(encoding="utf-8")
        if src.target.endswith("config/project.yaml"):
            body = project_yaml_template()
        else:
            body = variants.branch(src.variant, text, lambda t: adapt(t, substitutions))
        if "{{" in body or "{%" in body:
            out[src.target + ".jinja"] = body.encode("utf-8")
        else:
            out[src.target] = body.encode("utf-8")
    for path in _files(SCAFFOLD_DIR):
        out[path.relative_to(SCAFFOLD_DIR).as_posix()] = path.read_bytes()
    out["pyproject.toml.jinja"] = pyproject_template().encode("utf-8")
    for rel, text in variants.guidance_files().items():
        out[rel] = text.encode("utf-8")
    return dict(sorted(out.items()))


def differences(export: Mapping[str, bytes], folder: Path = EXPORT_DIR) -> list[str]:
    """Compare the computed export with the committed one.

    Args:
        export: The computed export.
        folder: The committed export folder.

    Returns:
        Relative paths that are missing, extra or different (empty when current).
    """
    on_disk = (
        {p.relative_to(folder).as_posix(): p for p in _files(folder)} if folder.exists() else {}
    )
    stale = [
        rel
        for rel, data in export.items()
        if rel not in on_disk or on_disk[rel].read_bytes() != data
    ]
    stale += [rel for rel in on_disk if rel not in export]
    return sorted(stale)


def write_export(export: Mapping[str, bytes], folder: Path = EXPORT_DIR) -> None:
    """Replace ``folder`` with the computed export.

    Args:
        export: The computed export.
        folder: Where to write it.
    """
    shutil.rmtree(folder, ignore_errors=True)
    for rel, data in export.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def main(argv: Sequence[str] | None = None, *, say: Callable[[str], None] = print) -> int:
    """Write the export, or with ``--check`` report whether it is current.

    Args:
        argv: Command-line arguments.
        say: Where messages go.

    Returns:
        ``0`` when written or current, ``1`` when ``--check`` finds a stale export.
    """
    parser = argparse.ArgumentParser(prog="python -m accelerator.template.export")
    parser.add_argument("--check", action="store_true", help="only report a stale export")
    parser.add_argument(
        "--lock", action="store_true", help="also re-lock the generated project (needs uv)"
    )
    args = parser.parse_args(argv)
    if args.lock:
        from accelerator.template.lock import write_lock_template

        write_export(render_export())
        write_lock_template()
        say(f"wrote {LOCK_TEMPLATE.relative_to(REPO_ROOT)}")
    export = render_export()
    stale = differences(export)
    if args.check:
        if stale:
            say(
                f"the template export is stale in {len(stale)} file(s), e.g. {stale[0]}; run "
                "python -m accelerator.template.export"
            )
            return 1
        say(f"the template export is current ({len(export)} files)")
        return 0
    write_export(export)
    say(f"wrote {len(export)} files to {EXPORT_DIR.relative_to(REPO_ROOT)} ({len(stale)} changed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
