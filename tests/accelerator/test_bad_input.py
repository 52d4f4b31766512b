"""The "What bad input gets" data: every class names a test that exists and asserts its message."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest
from pydantic import ValidationError

from accelerator.guidance.bad_input import BadInputClass, bad_input, bad_input_table
from reference_impl.exit_codes import ExitCode

ROOT = Path(__file__).resolve().parents[2]
CLASSES = bad_input().classes
TEST_ID = re.compile(r"^(?P<path>[^:]+)::(?P<function>\w+)(?:\[(?P<case>[\w-]+)\])?$")


@cache
def parsed(path: str) -> ast.Module:
    return ast.parse((ROOT / path).read_text(encoding="utf-8"))


def strings(path: str) -> list[str]:
    """Every plain string literal of a module (implicitly joined literals are one string)."""
    return [
        node.value
        for node in ast.walk(parsed(path))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def case_ids(path: str) -> set[str]:
    """Ids a parametrized test can take: string keys and values, and integer parameters."""
    ids = set(strings(path))
    ids |= {
        str(node.value)
        for node in ast.walk(parsed(path))
        if isinstance(node, ast.Constant) and isinstance(node.value, int)
    }
    return ids


@pytest.mark.parametrize("entry", CLASSES, ids=[c.id for c in CLASSES])
def test_each_class_names_a_test_that_exists(entry: BadInputClass) -> None:
    match = TEST_ID.match(entry.test)
    assert match, entry.test
    path = match["path"]
    assert (ROOT / path).is_file(), f"{entry.id}: {path} does not exist"
    functions = {node.name for node in ast.walk(parsed(path)) if isinstance(node, ast.FunctionDef)}
    assert match["function"] in functions, f"{entry.id}: no {match['function']} in {path}"
    if match["case"]:
        assert match["case"] in case_ids(path), f"{entry.id}: no case {match['case']} in {path}"


@pytest.mark.parametrize("entry", CLASSES, ids=[c.id for c in CLASSES])
def test_the_message_excerpt_is_what_the_test_asserts(entry: BadInputClass) -> None:
    if entry.message is None:
        assert entry.exit == "OK"  # only a class that is not refused prints no message
        return
    path = TEST_ID.match(entry.test)["path"]
    assert any(entry.message in text for text in strings(path)), (
        f"{entry.id}: {entry.message!r} is not asserted in {path}"
    )


def test_ids_are_unique_and_every_refusal_uses_a_documented_code() -> None:
    assert len({c.id for c in CLASSES}) == len(CLASSES)
    assert {c.code for c in CLASSES} <= {int(code) for code in ExitCode}
    assert {c.exit for c in CLASSES} >= {"BAD_DATA", "USAGE"}


def test_an_unknown_exit_code_is_refused() -> None:
    entry = CLASSES[1].model_dump()
    with pytest.raises(ValidationError, match="is not an ExitCode"):
        BadInputClass.model_validate({**entry, "exit": "CRASHED"})


def test_the_table_has_one_row_per_class_with_its_code() -> None:
    rows = bad_input_table().splitlines()[2:]
    assert len(rows) == len(CLASSES)
    for row, entry in zip(rows, CLASSES, strict=True):
        assert f"| {entry.code} `{entry.exit}` |" in row
