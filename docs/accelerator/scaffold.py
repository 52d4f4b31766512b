"""Generate a new ML project: the copier template plus the reference implementation's own code.

The template (``docs/accelerator/template/``) holds only project scaffolding: README, project
file, tests, CODEOWNERS, model card. Everything else is copied from this package at generation
time, so a generated project never carries a second hand-kept copy:

* the lifecycle package (:func:`lifecycle_files`) into ``DEST/<package_name>/``, with only the
  import prefix ``reference_impl`` renamed;
* the chosen CI/CD files (:func:`cicd_files`) and IaC (:func:`infra_files`), filtered to the
  chosen environments;
* ``docs/branching.md`` and the pull-request template, rendered from the guidance data.
"""

from __future__ import annotations

import keyword
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from accelerator import PROJECT_DIR

PACKAGE_DIR = PROJECT_DIR
TEMPLATE_DIR = Path(__file__).resolve().parent / "template"
PREFIX = "reference_impl"
# --8<-- [start:include-list]
# What a generated project's package holds: the runtime modules of the lifecycle.
LIFECYCLE_MODULES: tuple[str, ...] = (
    "__init__.py",
    "__main__.py",
    "cli.py",
    "py.typed",
    "contract.py",
    "exit_codes.py",
    "registry.py",
    "tracking.py",
    "workdir.py",
)
LIFECYCLE_PACKAGES: tuple[str, ...] = (
    "azureml",
    "commands",
    "config",
    "data",
    "modeling",
    "monitoring",
    "pipeline",
    "scoring",
    "steps",
    "validation",
)
# Never copied: the accelerator's guidance, IaC/CI sources (copied elsewhere) and this generator.
# A module that imports any of these (for example ``commands/assess.py``) is left out too.
EXCLUDED_PACKAGES: tuple[str, ...] = ("guidance", "infra", "cicd", "template", "scaffold")
# --8<-- [end:include-list]
ENV_CHOICES = {"dev-prod": ("dev", "prod"), "dev-test-prod": ("dev", "test", "prod")}
RESERVED_NAMES = frozenset({"tests", "test", "docs", "infra", "config", "data", PREFIX})
_IMPORT = re.compile(r"\breference_impl((?:\.\w+)*)")
_SKIP_PARTS = {"__pycache__"}


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
    """Read the questions from the template's ``copier.yml``.

    Returns:
        Questions by name, in the file's order.
    """
    raw = yaml.safe_load((TEMPLATE_DIR / "copier.yml").read_text(encoding="utf-8"))
    return {
        name: Question(name, spec.get("default"), tuple(spec.get("choices", ())))
        for name, spec in raw.items()
        if not name.startswith("_")
    }


def check_package_name(name: str) -> None:
    """Reject a package name the generated project could not import.

    Args:
        name: The proposed package name.

    Raises:
        AnswerError: If it is not a lower-case ASCII identifier, is a keyword or clashes with a
            folder of the generated project.
    """
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name) or keyword.iskeyword(name):
        raise AnswerError(
            f"package_name {name!r} must be a lower-case Python identifier "
            "(a letter, then letters, digits or underscores) and not a keyword"
        )
    if name in RESERVED_NAMES:
        raise AnswerError(f"package_name {name!r} clashes with a folder of the generated project")


def check_answers(answers: Mapping[str, str]) -> dict[str, str]:
    """Validate answers against the template's questions.

    Args:
        answers: Answers by question name (a subset is fine; copier asks or defaults the rest).

    Returns:
        The same answers as a plain dict.

    Raises:
        AnswerError: For an unknown question, an answer outside the choices or a bad package
            name; the message names the question and what is allowed.
    """
    known = questions()
    for key, value in answers.items():
        if key not in known:
            raise AnswerError(f"unknown question {key!r}; expected one of {', '.join(known)}")
        choices = known[key].choices
        if choices and value not in choices:
            raise AnswerError(f"{key}={value!r} is not allowed; choose one of {', '.join(choices)}")
    if "package_name" in answers:
        check_package_name(answers["package_name"])
    return dict(answers)


def rename_imports(text: str, package: str) -> str:
    """Rename the import prefix ``reference_impl`` to ``package``.

    Args:
        text: Source text.
        package: The generated project's package name.

    Returns:
        ``text`` with every ``reference_impl`` name (and dotted path) renamed.
    """
    return _IMPORT.sub(lambda m: package + m.group(1), text)


def _module_name(path: Path) -> str:
    parts = path.with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _missing(dotted: str, kept_modules: set[str]) -> bool:
    """Tell whether ``reference_impl<dotted>`` names a module that is not copied."""
    parts = dotted.lstrip(".").split(".") if dotted else []
    if parts and parts[0] in EXCLUDED_PACKAGES:
        return True
    for end in range(len(parts), 0, -1):
        name = ".".join(parts[:end])
        base = PACKAGE_DIR.joinpath(*parts[:end])
        if base.with_suffix(".py").is_file() or (base / "__init__.py").is_file():
            return name not in kept_modules
    return False  # an attribute of the package itself, e.g. ``reference_impl.__file__``


def lifecycle_files(environments: tuple[str, ...] = ("dev", "test", "prod")) -> list[Path]:
    """List the reference implementation's files a generated package contains.

    Args:
        environments: Environments whose ``config/<env>.yaml`` is included.

    Returns:
        Paths relative to the package, sorted. A Python module that imports an excluded or
        left-out module is left out as well (repeated until nothing changes).
    """
    candidates = [Path(name) for name in LIFECYCLE_MODULES if (PACKAGE_DIR / name).exists()]
    for package in LIFECYCLE_PACKAGES:
        folder = PACKAGE_DIR / package
        candidates += [
            p.relative_to(PACKAGE_DIR)
            for p in folder.rglob("*")
            if p.is_file() and not _SKIP_PARTS.intersection(p.parts)
        ]
    candidates = [
        p
        for p in candidates
        if not (p.parts[0] == "config" and p.suffix == ".yaml" and p.stem not in environments)
    ]
    kept = set(candidates)
    changed = True
    while changed:
        changed = False
        modules = {_module_name(p) for p in kept if p.suffix == ".py"}
        for path in sorted(p for p in kept if p.suffix == ".py"):
            text = (PACKAGE_DIR / path).read_text(encoding="utf-8")
            if any(_missing(m.group(1), modules) for m in _IMPORT.finditer(text)):
                kept.discard(path)
                changed = True
    return sorted(kept)


def copy_lifecycle(dest: Path, package: str, environments: tuple[str, ...]) -> list[Path]:
    """Copy the lifecycle package into ``dest/package``, renaming only the import prefix.

    Args:
        dest: The generated project's root.
        package: Its package name.
        environments: The chosen environments.

    Returns:
        The written files, relative to ``dest``.
    """
    written = []
    for rel in lifecycle_files(environments):
        source, target = PACKAGE_DIR / rel, dest / package / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix in {".py", ".md", ".yaml", ".yml", ".json"}:
            target.write_text(rename_imports(source.read_text(encoding="utf-8"), package), "utf-8")
        else:
            shutil.copyfile(source, target)
        written.append(target.relative_to(dest))
    return written


# --------------------------------------------------------------------------- CI/CD and IaC

_GITHUB = {
    "common": ("lint-and-unit-tests.yml", "train-in-dev.yml", "promote.yml", "deploy.yml"),
    "monitor": ("monitor.yml",),
    "bicep": ("infrastructure.yml",),
    "terraform": ("infrastructure-terraform.yml",),
}
_ADO = {
    "common": ("train-in-dev.yml", "promote.yml", "deploy.yml", "monitor.yml"),
    "bicep": ("infrastructure.yml", "templates/bicep-stage.yml"),
    "terraform": (
        "infrastructure-terraform.yml",
        "templates/terraform-stage.yml",
        "templates/terraform-install.yml",
    ),
}


def cicd_files(ci: str, iac: str) -> dict[str, Path]:
    """Map the generated project's CI/CD paths to their sources in ``reference_impl/cicd``.

    Args:
        ci: ``github`` or ``azure-devops``.
        iac: ``bicep`` or ``terraform`` (only that infrastructure pipeline is included).

    Returns:
        Destination path (relative to the project) → source file.
    """
    if ci == "github":
        names = _GITHUB["common"] + _GITHUB["monitor"] + _GITHUB[iac]
        root = PACKAGE_DIR / "cicd" / "github" / "workflows"
        return {f".github/workflows/{name}": root / name for name in names}
    root = PACKAGE_DIR / "cicd" / "azure-devops"
    files = {f".azure-pipelines/{name}": root / name for name in _ADO["common"] + _ADO[iac]}
    files["azure-pipelines.yml"] = root / "lint-and-unit-tests.yml"
    return files


def infra_files(iac: str, environments: tuple[str, ...]) -> dict[str, Path]:
    """Map the generated project's IaC paths to their sources in ``reference_impl/infra``.

    Args:
        iac: ``bicep`` or ``terraform``.
        environments: Only these environments' parameter/backend files are included.

    Returns:
        Destination path (relative to the project) → source file.
    """
    root = PACKAGE_DIR / "infra" / iac
    files = {}
    for source in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = source.relative_to(root)
        if iac == "bicep":
            match = re.fullmatch(r"main\.(\w+)\.parameters\.json", rel.name)
        else:
            match = re.fullmatch(r"(\w+)\.(?:tfvars|backend\.hcl)", rel.name)
            match = match if rel.parts[0] == "envs" else None
        if match and match.group(1) not in environments:
            continue
        files[f"infra/{iac}/{rel.as_posix()}"] = source
    return files


def adapt_platform_text(text: str, package: str, environments: tuple[str, ...]) -> str:
    """Point a CI/CD or IaC file at the generated layout and the chosen environments.

    Args:
        text: The file as it is in the reference implementation.
        package: The generated package name.
        environments: The chosen environments.

    Returns:
        The file with ``reference_impl/infra`` → ``infra``, the unit tests under ``tests``, the
        branching strategy in ``docs/branching.md``, the import prefix renamed and, without a
        ``test`` environment, every ``test`` stage, matrix entry and choice removed.
    """
    text = text.replace("reference_impl/infra/", "infra/")
    text = text.replace("tests/reference_impl", "tests")
    text = text.replace("docs/accelerator/guidance/branching.py", "docs/branching.md")
    text = rename_imports(text, package)
    if "test" in environments:
        return text
    text = text.replace("[dev, test, prod]", "[dev, prod]").replace("[test, prod]", "[prod]")
    text = re.sub(r"\n[ \t]*test: \{ target: test \}", "", text)
    text = re.sub(r"\n[ \t]*- template: [\w/.-]+\n[ \t]*parameters: \{ target: test \}", "", text)
    text = re.sub(r"\n[ \t]*test\) SOURCE=dev ;;", "", text)
    text = text.replace("prod) SOURCE=test ;;", "prod) SOURCE=dev ;;")
    for old, new in (
        ("dev, test and prod", "dev and prod"),
        ("dev, then test, then prod", "dev, then prod"),
        ("test, prod and the shared registry", "prod and the shared registry"),
        ("test and prod wait", "prod waits"),
        ("test is promoted from dev, prod from test", "prod is promoted from dev"),
        ("into test or prod", "into prod"),
    ):
        text = text.replace(old, new)
    return text


def copy_platform(dest: Path, answers: Mapping[str, str]) -> list[Path]:
    """Copy the chosen CI/CD and IaC files into ``dest``, adapted by :func:`adapt_platform_text`.

    Args:
        dest: The generated project's root.
        answers: The template's answers (``ci``, ``iac``, ``environments``, ``package_name``).

    Returns:
        The written files, relative to ``dest``.
    """
    environments = ENV_CHOICES[answers["environments"]]
    files = {**cicd_files(answers["ci"], answers["iac"])}
    files |= infra_files(answers["iac"], environments)
    for rel, source in files.items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        target.write_text(adapt_platform_text(text, answers["package_name"], environments), "utf-8")
    return [Path(rel) for rel in files]


# --------------------------------------------------------------------------- guidance


def pull_request_template() -> str:
    """Render the pull-request template with the model-review checklist.

    Returns:
        Markdown: a change summary and one checkbox per review check, with its lowest tier.
    """
    from accelerator.guidance.model_review import review_policy

    lines = [
        "## What changes",
        "",
        "_One paragraph; link the issue._",
        "",
        "## Model review",
        "",
        "Tick every check your model's risk tier requires (low ⊂ medium ⊂ high).",
        "",
    ]
    lines += [
        f"- [ ] {c.check} — *evidence:* {c.evidence} (from tier **{c.from_tier}**)"
        for c in review_policy().checks
    ]
    lines += ["", "| Tier | Use cases |", "| --- | --- |"]
    lines += [f"| {t.tier} | {t.meaning} |" for t in review_policy().tiers]
    return "\n".join(lines) + "\n"


def branching_doc(shipped: set[str]) -> str:
    """Render ``docs/branching.md`` from the branching strategy's data.

    Args:
        shipped: Names of the workflows the project contains; others are not listed.

    Returns:
        Markdown: one row per branch rule with the workflows each event starts.
    """
    from accelerator.guidance.branching import branch_rules

    def names(items: tuple[str, ...]) -> str:
        return ", ".join(f"`{n}`" for n in items if n in shipped) or "—"

    lines = [
        "# Branching strategy",
        "",
        "Trunk-based development: code moves through branches, models move through the registry.",
        "",
        "| Branch | Purpose | Changes leave it by | Push starts | Pull request into it starts |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| `{r.branch}` | {r.purpose} | {r.merges_by} | {names(r.on_push)} | "
        f"{names(r.on_pull_request)} |"
        for r in branch_rules()
    ]
    return "\n".join(lines) + "\n"


def write_guidance(dest: Path, answers: Mapping[str, str], platform: list[Path]) -> list[Path]:
    """Write the pull-request template and ``docs/branching.md``.

    Args:
        dest: The generated project's root.
        answers: The template's answers (``ci``).
        platform: The CI/CD files written (their stems name the workflows).

    Returns:
        The written files, relative to ``dest``.
    """
    folder = ".github" if answers["ci"] == "github" else ".azuredevops"
    shipped = {p.stem for p in platform if p.suffix == ".yml"} | {"lint-and-unit-tests"}
    files = {
        Path(folder) / "pull_request_template.md": pull_request_template(),
        Path("docs") / "branching.md": branching_doc(shipped),
    }
    for rel, text in files.items():
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / rel).write_text(text, encoding="utf-8")
    return list(files)


# --------------------------------------------------------------------------- generate


def generate(
    dest: Path,
    answers: Mapping[str, str] | None = None,
    *,
    defaults: bool = True,
    template: Path | str = TEMPLATE_DIR,
    vcs_ref: str | None = None,
) -> dict[str, str]:
    """Render the template into ``dest``, then copy the lifecycle, CI/CD, IaC and guidance.

    Args:
        dest: The new project's folder (created; must be empty or absent).
        answers: Answers by question name; checked by :func:`check_answers`.
        defaults: Use the defaults for unanswered questions instead of asking.
        template: The template (a folder, or a Git repository with ``vcs_ref``).
        vcs_ref: Git tag or commit of a Git template.

    Returns:
        Every answer, as recorded in ``dest/.copier-answers.yml``.
    """
    from copier import run_copy

    data = check_answers(answers or {})
    run_copy(
        str(template),
        dest,
        data=data,
        defaults=defaults,
        unsafe=False,
        quiet=True,
        vcs_ref=vcs_ref,
    )
    recorded = yaml.safe_load((dest / ".copier-answers.yml").read_text(encoding="utf-8"))
    final = {k: v for k, v in recorded.items() if not k.startswith("_")}
    check_package_name(final["package_name"])
    environments = ENV_CHOICES[final["environments"]]
    copy_lifecycle(dest, final["package_name"], environments)
    platform = copy_platform(dest, final)
    write_guidance(dest, final, platform)
    return final


def default_tree_markdown(depth: int = 2) -> str:
    """Generate a project with the defaults in a temporary folder and show its tree.

    Args:
        depth: How many folder levels to show.

    Returns:
        A fenced ``text`` block, folders ending in ``/``, two spaces per level.
    """
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        dest = Path(folder) / "churn"
        generate(dest)
        lines = [
            "  " * (len(rel.parts) - 1) + rel.name + ("/" if (dest / rel).is_dir() else "")
            for rel in sorted(p.relative_to(dest) for p in dest.rglob("*"))
            if len(rel.parts) <= depth and "__pycache__" not in rel.parts
        ]
    return "```text\n" + "\n".join(lines) + "\n```\n"
