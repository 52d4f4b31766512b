"""Link 5 of the chain: every example file runs as ``__main__`` (coverage counts these runs)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from tests.docs import chain

EXAMPLE_FILES = sorted(p for p in chain.EXAMPLES.rglob("*.py") if p.name != "__init__.py")


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(chain.ROOT).with_suffix("").parts)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=module_name)
def test_example_runs_as_main(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # examples must not depend on the working directory
    runpy.run_module(module_name(path), run_name="__main__")
    assert capsys.readouterr().out.strip(), (
        f"{path.name} printed nothing; an example should show its result"
    )


def test_every_example_has_a_test_file_by_the_naming_rule() -> None:
    missing = []
    for path in EXAMPLE_FILES:
        part, page = path.relative_to(chain.EXAMPLES).parts[:2]
        test = chain.ROOT / "tests" / "examples" / f"test_{part}_{page}.py"
        if not test.is_file():
            missing.append(str(test.relative_to(chain.ROOT)))
    assert missing == []
