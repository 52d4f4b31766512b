"""Link 3 of the chain: the fence census."""

from __future__ import annotations

from pathlib import Path

from pytest_examples import find_examples

from tests.docs import chain


def collected(docs_dir: Path) -> set[tuple[Path, int]]:
    return {(ex.path.resolve(), ex.start_line) for ex in find_examples(str(docs_dir))}


def census(tmp_path: Path, page: str) -> list[str]:
    (tmp_path / "page.md").write_text(page)
    return chain.fence_problems(tmp_path, collected(tmp_path))


def test_every_python_fence_in_docs_is_an_include_or_collected() -> None:
    assert chain.fence_problems(chain.DOCS, collected(chain.DOCS)) == []


def test_census_counts_both_kinds_on_the_real_site() -> None:
    fences = [
        f for page in chain.DOCS.rglob("*.md") for f in chain.parse_fences(page)[0] if f.is_python
    ]
    assert any(f.include_only for f in fences)
    assert any(not f.include_only for f in fences)


def test_planted_clean_page_passes(tmp_path: Path) -> None:
    page = '```python title="x.py"\n--8<-- "x.py:a"\n```\n\n```python\nprint(1)\n```\n'
    assert census(tmp_path, page) == []


def test_planted_bare_fence_key_is_reported(tmp_path: Path) -> None:
    problems = census(tmp_path, '```python test="skip"\nprint(1)\n```\n')
    assert any("outside braces" in p for p in problems), problems


def test_option_in_braces_is_accepted(tmp_path: Path) -> None:
    page = '```python {test="skip" reason="needs an Azure subscription"}\nprint(1)\n```\n'
    assert census(tmp_path, page) == []


def test_planted_four_backtick_fence_hides_the_next_fence(tmp_path: Path) -> None:
    page = "````markdown\n```python\nprint(1)\n```\n````\n\n```python\nprint(2)\n```\n"
    problems = "\n".join(census(tmp_path, page))
    assert "four-backtick" in problems
    assert "not collected by pytest-examples" in problems


def test_planted_skip_without_reason_is_reported(tmp_path: Path) -> None:
    problems = census(tmp_path, '```python {test="skip"}\nprint(1)\n```\n')
    assert any("needs reason" in p for p in problems), problems


def test_planted_too_many_skips_are_reported(tmp_path: Path) -> None:
    fence = '```python {test="skip" reason="r"}\nprint(1)\n```\n\n'
    problems = census(tmp_path, fence * (chain.MAX_SKIPS + 1))
    assert any("at most" in p for p in problems), problems


def test_planted_mixed_include_and_code_is_reported(tmp_path: Path) -> None:
    problems = census(tmp_path, '```python\n--8<-- "x.py:a"\nprint(1)\n```\n')
    assert any("mixes an include" in p for p in problems), problems


def test_planted_unclosed_fence_is_reported(tmp_path: Path) -> None:
    problems = census(tmp_path, "```python\nprint(1)\n")
    assert any("never closed" in p for p in problems), problems
