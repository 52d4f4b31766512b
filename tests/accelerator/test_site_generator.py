"""What builds the site and until when: the date Material announces, the trial's coverage."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from accelerator.guidance.site_generator import (
    Mechanism,
    hook_summary,
    lifecycle_table,
    options_table,
    site_generator_data,
    site_mechanisms,
    zensical_trial_table,
)
from tests.accelerator.helpers import DOCS, ROOT, table_rows

# Material prints its notice when its templates are imported by a process started as `mkdocs`,
# unless NO_MKDOCS_2_WARNING is set (the repository's commands set it).
ANNOUNCE = "import sys; sys.argv[0] = 'mkdocs'; import material.templates"
END_OF_LIFE = re.compile(r"reaches end of life on (\w+ \d{1,2}, \d{4})")


def without_the_variable() -> dict[str, str]:
    """This process's environment without ``NO_MKDOCS_2_WARNING``."""
    return {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}


def announced_end_of_life() -> dt.date:
    """The end-of-life date the installed Material for MkDocs prints."""
    env = without_the_variable()
    done = subprocess.run(
        [sys.executable, "-c", ANNOUNCE], env=env, capture_output=True, text=True, check=True
    )
    plain = re.sub(r"\x1b\[[0-9;]*m", "", done.stderr)  # the notice is coloured
    found = END_OF_LIFE.search(plain)
    assert found, f"Material printed no end-of-life date:\n{plain}"
    return dt.datetime.strptime(found[1], "%B %d, %Y").date()


def test_the_end_of_life_date_is_the_one_material_announces():
    material = next(p for p in site_generator_data().parts if p.part == "Material for MkDocs")
    assert material.date == announced_end_of_life().isoformat()


def test_commands_run_through_dev_py_do_not_print_the_notice():
    env = without_the_variable()
    command = [sys.executable, ".ci/dev.py", "run", "python", "-c", ANNOUNCE]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert "end of life" not in done.stderr


def test_every_hook_plugin_and_override_of_the_site_has_a_trial_outcome():
    recorded = [(m.kind, m.name) for m in site_generator_data().trial.mechanisms]
    assert recorded == site_mechanisms()


def test_the_mechanisms_are_read_from_the_configuration(tmp_path: Path):
    (tmp_path / "theme" / "partials").mkdir(parents=True)
    (tmp_path / "theme" / "partials" / "header.html").write_text("x")
    (tmp_path / "theme" / "main.html").write_text("x")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "hooks: [hooks/one.py]\n"
        "theme: {name: material, custom_dir: theme}\n"
        "plugins:\n  - search\n  - tags: {tags_allowed: [A]}\n"
        "markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n"
        "        - format: !!python/name:pymdownx.superfences.fence_code_format\n"
    )
    assert site_mechanisms(config) == [
        ("hook", "hooks/one.py"),
        ("plugin", "search"),
        ("plugin", "tags"),
        ("override", "main.html"),
        ("override", "partials/header.html"),
    ]


def test_each_hook_is_described_by_its_own_docstring():
    rendered = {row[1]: row[2] for row in table_rows(zensical_trial_table().split("\n\n", 1)[1])}
    for kind, name in site_mechanisms():
        if kind == "hook":
            assert rendered[f"`{name}`"] == hook_summary(name)
            assert not rendered[f"`{name}`"].startswith("MkDocs hook")


def test_a_hook_without_a_docstring_is_refused(tmp_path: Path):
    (tmp_path / "silent.py").write_text("x = 1\n")
    with pytest.raises(ValueError, match=r"silent\.py has no docstring"):
        hook_summary("silent.py", root=tmp_path)


@pytest.mark.parametrize(
    ("kind", "does"),
    [("hook", "what the docstring says already"), ("plugin", None), ("override", None)],
)
def test_does_comes_from_the_docstring_for_hooks_and_from_the_data_otherwise(kind, does):
    with pytest.raises(ValidationError, match="'does' is read from a hook's docstring"):
        Mechanism(name="x", kind=kind, does=does, outcome="o")


def test_the_tables_render_every_row_and_the_day_checked():
    data = site_generator_data()
    lifecycle = lifecycle_table()
    assert [row[0] for row in table_rows(lifecycle.split("\n\n")[0])] == [
        p.part for p in data.parts
    ]
    assert f"*Checked on {data.checked_on.isoformat()}.*" in lifecycle
    assert len(table_rows(options_table())) == len(data.options)
    assert zensical_trial_table().startswith(f"Zensical {data.trial.version}, ")


def test_the_contributing_page_renders_the_three_tables():
    page = (DOCS / "contributing" / "index.md").read_text(encoding="utf-8")
    for name in ("lifecycle_table", "zensical_trial_table", "options_table"):
        assert f"<!-- render: accelerator.guidance.site_generator:{name} -->" in page


def test_mkdocs_stays_pinned_below_2():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"mkdocs>=1.6,<2"' in pyproject
