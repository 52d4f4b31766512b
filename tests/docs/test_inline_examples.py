"""Link 4 of the chain: inline python fences are linted and run; ``#>`` lines must match.

``pytest --update-examples`` rewrites the ``#>`` output (and formatting) in place.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_examples import CodeExample, EvalExample, find_examples

from tests.docs import chain


def inline_examples(*paths: Path) -> list[CodeExample]:
    """Collected fences that are real code, not includes (pytest-examples would run ``--8<--``)."""
    found = []
    for example in find_examples(*map(str, paths)):
        lines = [line for line in example.source.splitlines() if line.strip()]
        if lines and all(chain.SNIPPET.match(line) for line in lines):
            continue
        found.append(example)
    return found


def check(example: CodeExample, eval_example: EvalExample) -> None:
    settings = example.prefix_settings()
    if settings.get("test") == "skip":
        pytest.skip(settings["reason"])
    eval_example.set_config(line_length=88, target_version="py311", ruff_ignore=["D"])
    if eval_example.update_examples:
        eval_example.format(example)
        eval_example.run_print_update(example)
    else:
        eval_example.lint(example)
        eval_example.run_print_check(example)


@pytest.mark.parametrize("example", inline_examples(chain.DOCS), ids=str)
def test_inline_example(example: CodeExample, eval_example: EvalExample) -> None:
    check(example, eval_example)


def test_the_site_has_inline_examples() -> None:
    assert len(inline_examples(chain.DOCS)) >= 5


def planted(tmp_path: Path, body: str) -> CodeExample:
    page = tmp_path / "page.md"
    page.write_text(f"# Page\n\n```python\n{body}```\n")
    (example,) = inline_examples(tmp_path)
    return example


def test_planted_correct_output_passes(tmp_path: Path, eval_example: EvalExample) -> None:
    if eval_example.update_examples:
        pytest.skip("planted pages are not rewritten in update mode")
    check(planted(tmp_path, "print(1 + 1)\n#> 2\n"), eval_example)


def test_planted_wrong_output_fails(tmp_path: Path, eval_example: EvalExample) -> None:
    if eval_example.update_examples:
        pytest.skip("planted pages are not rewritten in update mode")
    with pytest.raises(pytest.fail.Exception, match="#> 3"):
        check(planted(tmp_path, "print(1 + 1)\n#> 3\n"), eval_example)


def test_planted_lint_error_fails(tmp_path: Path, eval_example: EvalExample) -> None:
    if eval_example.update_examples:
        pytest.skip("planted pages are not rewritten in update mode")
    with pytest.raises(pytest.fail.Exception):
        check(planted(tmp_path, "import os\nprint(1)\n#> 1\n"), eval_example)


def test_planted_include_is_not_run_as_code(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text('```python\n--8<-- "x.py:a"\n```\n')
    assert inline_examples(tmp_path) == []
