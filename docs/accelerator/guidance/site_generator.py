"""What builds the site, until when, what a Zensical build of it did, and the options."""

from __future__ import annotations

import ast
import datetime as dt
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table
from accelerator.guidance.partial_date import PartialDate
from accelerator.site_build.mkdocs_config import CONFIG, ROOT, mkdocs_config

HOOK_PREFIX = "MkDocs hook: "


class Part(BaseModel):
    """One package the site is built with (or could move to), and its maintenance status.

    Attributes:
        part: The package.
        used_for: What this site uses it for.
        status: Its maintenance status, in a sentence.
        date: The date (``YYYY-MM-DD`` or ``YYYY-MM``) that status is about, if there is one.
        source: The page that states it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    part: str
    used_for: str
    status: str
    date: PartialDate | None
    source: str = Field(pattern=r"^https://")


class Mechanism(BaseModel):
    """A hook, plugin or template override of ``mkdocs.yml``, and what the trial build did with it.

    Attributes:
        name: The hook's path, the plugin's name, or the override's path under ``custom_dir``.
        kind: Which of the three it is.
        does: What it does for this site; a hook's own docstring says it, so hooks leave it out.
        outcome: What the trial build did with it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    kind: Literal["hook", "plugin", "override"]
    does: str | None = None
    outcome: str

    @model_validator(mode="after")
    def _does_once(self) -> Mechanism:
        if (self.kind == "hook") == (self.does is not None):
            raise ValueError(
                f"{self.name}: 'does' is read from a hook's docstring and required for the others"
            )
        return self


class Trial(BaseModel):
    """One build of this site with Zensical, compared with the MkDocs build.

    Attributes:
        version: The Zensical version.
        measured_on: The day of the trial.
        how: How the trial was run and compared.
        outcome: What happened, in a sentence or two.
        mechanisms: Every hook, plugin and override, with what the trial did with it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str
    measured_on: dt.date
    how: str
    outcome: str
    mechanisms: tuple[Mechanism, ...]


class Option(BaseModel):
    """One way forward for the site's build.

    Attributes:
        option: The option.
        takes: The work it takes.
        risk: What it risks.
        when: When it is the one to take.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    option: str
    takes: str
    risk: str
    when: str


class SiteGeneratorData(BaseModel):
    """Everything in ``data/site_generator.yaml``.

    Attributes:
        checked_on: The day the statuses were last checked.
        parts: The packages and their status.
        trial: The Zensical trial build.
        options: The ways forward.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    checked_on: dt.date
    parts: tuple[Part, ...]
    trial: Trial
    options: tuple[Option, ...]


@cache
def site_generator_data() -> SiteGeneratorData:
    """Return the validated data.

    Returns:
        The data in ``data/site_generator.yaml``.
    """
    return load_data("site_generator", SiteGeneratorData)


def site_mechanisms(config: Path = CONFIG) -> list[tuple[str, str]]:
    """List the hooks, plugins and template overrides a site configuration uses.

    Args:
        config: An ``mkdocs.yml``; the site's own by default.

    Returns:
        ``(kind, name)`` pairs: hooks by path, plugins by name, overrides by their path under
        the theme's ``custom_dir``, each kind in the configuration's order (overrides sorted).
    """
    data = mkdocs_config(config)
    found = [("hook", hook) for hook in data.get("hooks") or []]
    for plugin in data.get("plugins") or []:
        found.append(("plugin", plugin if isinstance(plugin, str) else next(iter(plugin))))
    custom_dir = (data.get("theme") or {}).get("custom_dir")
    if custom_dir:
        folder = config.parent / custom_dir
        found += [
            ("override", file.relative_to(folder).as_posix())
            for file in sorted(folder.rglob("*"))
            if file.is_file()
        ]
    return found


def hook_summary(hook: str, root: Path = ROOT) -> str:
    """The first line of a hook file's docstring, without the ``MkDocs hook:`` prefix.

    Args:
        hook: The hook's path, as ``mkdocs.yml`` names it.
        root: The folder ``mkdocs.yml`` is in.

    Returns:
        What the hook does, in one line.

    Raises:
        ValueError: If the hook file has no docstring.
    """
    docstring = ast.get_docstring(ast.parse((root / hook).read_text(encoding="utf-8")))
    if not docstring:
        raise ValueError(f"{hook} has no docstring to say what it does")
    return docstring.splitlines()[0].removeprefix(HOOK_PREFIX).rstrip(".")


def lifecycle_table() -> str:
    """Render the packages, their status and its date, with the day they were checked.

    Returns:
        One row per package, then the day checked.
    """
    data = site_generator_data()
    table = markdown_table(
        ["Package", "Used here for", "Status", "Date", "Source"],
        [
            (p.part, p.used_for, p.status, p.date or "—", f"[source]({p.source})")
            for p in data.parts
        ],
    )
    return f"{table}\n\n*Checked on {data.checked_on.isoformat()}.*"


def zensical_trial_table() -> str:
    """Render the Zensical trial: how it ran, what happened, and each mechanism's fate.

    Returns:
        A sentence on the trial, then one row per hook, plugin and override.
    """
    trial = site_generator_data().trial
    rows = [
        (
            m.kind,
            f"`{m.name}`",
            hook_summary(m.name) if m.does is None else m.does,
            m.outcome,
        )
        for m in trial.mechanisms
    ]
    table = markdown_table(["Kind", "Name", "What it does here", "In the trial build"], rows)
    return (
        f"Zensical {trial.version}, {trial.measured_on.isoformat()}: {trial.how}. "
        f"{trial.outcome}.\n\n{table}"
    )


def options_table() -> str:
    """Render the ways forward.

    Returns:
        One row per option: the work, the risk, and when to take it.
    """
    return markdown_table(
        ["Option", "It takes", "Its risk", "Take it"],
        [(o.option, o.takes, o.risk, o.when) for o in site_generator_data().options],
    )
