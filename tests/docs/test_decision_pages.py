"""Decision pages for leaders lead with the rule in a reader's form, not with code.

On every page tagged *Leadership* and *Decision* in the guidance parts, the first thing under
the recommendation that is not a heading or a paragraph of prose must be a generated table or
flowchart (a ``<!-- render: ... -->`` marker); code may follow, e.g. in an "As code" block.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.docs import chain

PARTS = ("getting-started", "people", "process", "maturity", "technology")
RENDER = re.compile(r"^<!-- render: [\w.]+:\w+ -->$")
BLOCK = re.compile(r"^(```|~~~|\?\?\?|!!!|<|\||--8<--|    )")


def front_matter_tags(text: str) -> set[str]:
    """The page's tags, from its YAML front matter."""
    if not text.startswith("---\n"):
        return set()
    meta = yaml.safe_load(text.split("---\n", 2)[1]) or {}
    return set(meta.get("tags") or ())


def first_block_after_recommendation(text: str) -> str | None:
    """The first line under the recommendation that starts something other than prose.

    Args:
        text: Page source.

    Returns:
        The line, or ``None`` when the page has no recommendation or nothing follows it.
    """
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines) if line.startswith("**Recommendation:**")]
    if not starts:
        return None
    n = starts[0]
    while n < len(lines) and lines[n].strip():  # the recommendation paragraph
        n += 1
    for line in lines[n:]:
        if not line.strip() or line.startswith("#"):
            continue
        if BLOCK.match(line):
            return line
    return None


def leadership_decision_pages() -> list[Path]:
    pages = [page for part in PARTS for page in sorted((chain.DOCS / part).glob("*.md"))]
    return [
        page
        for page in pages
        if {"Leadership", "Decision"} <= front_matter_tags(page.read_text(encoding="utf-8"))
    ]


def test_the_pages_this_rule_is_about_are_found():
    names = {page.name for page in leadership_decision_pages()}
    assert {"operating-models.md", "skilling-and-recruiting.md", "twelve-week-plan.md"} <= names


@pytest.mark.parametrize(
    "page", leadership_decision_pages(), ids=lambda p: str(p.relative_to(chain.DOCS))
)
def test_first_thing_under_the_recommendation_is_a_generated_table(page: Path):
    first = first_block_after_recommendation(page.read_text(encoding="utf-8"))
    assert first is not None, f"{page.name}: no recommendation, or nothing under it"
    assert RENDER.match(first), (
        f"{page.name}: the first thing under the recommendation is {first!r}, "
        "not a generated table or flowchart"
    )


def test_code_first_is_caught():
    page = (
        "**Recommendation:** do it.\nAnd more.\n\n## The rule\n\nProse.\n\n"
        '```python title="x.py"\n--8<-- "x.py:y"\n```\n\n'
        "<!-- render: accelerator.guidance.x:table -->\n"
    )
    assert first_block_after_recommendation(page) == '```python title="x.py"'
    folded = page.replace('```python title="x.py"\n--8<-- "x.py:y"\n```\n\n', "")
    assert RENDER.match(first_block_after_recommendation(folded) or "")
