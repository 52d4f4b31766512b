"""Link 2 of the chain: includes resolve; sections are closed, non-empty and unique; no orphans."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import mkdocs_build
from tests.docs import chain
from tests.docs.test_build import include, make_project


def test_real_tree_has_sound_sections_and_resolving_includes() -> None:
    assert chain.snippet_problems(chain.ROOT, chain.DOCS) == []


def test_every_example_file_is_embedded_by_a_page() -> None:
    assert chain.orphan_examples(chain.ROOT, chain.DOCS) == []


def test_the_real_site_includes_at_least_one_section_per_part() -> None:
    parts = {
        ref.page.relative_to(chain.DOCS).parts[0]
        for ref in chain.snippet_refs(chain.DOCS)
        if ref.section
    }
    assert {
        "getting-started",
        "people",
        "process",
        "technology",
        "maturity",
        "reference-implementation",
        "contributing",
    } <= parts


def planted(tmp_path: Path, source: str, page: str) -> list[str]:
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "demo.py").write_text(source)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(page)
    return chain.snippet_problems(tmp_path, tmp_path / "docs")


GOOD = "# --8<-- [start:a]\nx = 1\n# --8<-- [end:a]\n"


def test_planted_clean_tree_passes(tmp_path: Path) -> None:
    assert planted(tmp_path, GOOD, include("examples/demo.py:a")) == []


def test_planted_unclosed_section_is_reported(tmp_path: Path) -> None:
    problems = planted(tmp_path, "# --8<-- [start:a]\nx = 1\n", include("examples/demo.py:a"))
    assert any("never closed" in p for p in problems), problems


def test_unclosed_section_slips_through_a_strict_build(tmp_path: Path) -> None:
    """Why the integrity check exists: MkDocs alone includes the rest of the file and passes."""
    source = "x = 0\n# --8<-- [start:a]\nx = 1\nSECRET_TAIL = 2\n"
    done = mkdocs_build(
        make_project(tmp_path, include("src.py:a"), source=source), tmp_path / "site"
    )
    assert done.returncode == 0
    assert "SECRET_TAIL" in (tmp_path / "site" / "index.html").read_text()


def test_planted_missing_section_is_reported(tmp_path: Path) -> None:
    problems = planted(tmp_path, GOOD, include("examples/demo.py:b"))
    assert any("has no section 'b'" in p for p in problems), problems


def test_planted_missing_file_is_reported(tmp_path: Path) -> None:
    problems = planted(tmp_path, GOOD, include("examples/gone.py:a"))
    assert any("does not exist" in p for p in problems), problems


def test_planted_duplicate_empty_and_stray_sections_are_reported(tmp_path: Path) -> None:
    source = (
        GOOD
        + GOOD
        + "# --8<-- [start:e]\n\n# --8<-- [end:e]\n# --8<-- [end:z]\n"
        + "# --8<-- [start:Bad_Name]\ny=1\n# --8<-- [end:Bad_Name]\n"
    )
    problems = "\n".join(planted(tmp_path, source, include("examples/demo.py:a")))
    assert "defined twice" in problems
    assert "'e' is empty" in problems
    assert "never started" in problems
    assert "not kebab-case" in problems


def test_escaped_include_is_not_a_reference(tmp_path: Path) -> None:
    page = '```python\n;--8<-- "examples/gone.py:a"\n```\n'
    assert planted(tmp_path, GOOD, page) == []


def test_planted_orphan_example_is_reported(tmp_path: Path) -> None:
    planted(tmp_path, GOOD, "# no includes\n")
    assert chain.orphan_examples(tmp_path, tmp_path / "docs") == [
        "examples/demo.py is not embedded by any page"
    ]
