"""``hidden(name)`` makes one module unimportable for a block and puts everything back after."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from reference_impl.hidden_module import hidden


def importable(name: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Write module ``name`` into ``folder`` on ``sys.path``; it is forgotten after the test."""
    (folder / f"{name}.py").write_text("VALUE = 42\n")
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.delitem(sys.modules, name, raising=False)  # removed again at teardown
    return name


def test_a_module_not_imported_yet_fails_to_import_inside_and_imports_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    importable("probed_package", tmp_path, monkeypatch)
    with hidden("probed_package"), pytest.raises(ImportError):
        import probed_package  # noqa: F401
    assert "probed_package" not in sys.modules
    assert importlib.import_module("probed_package").VALUE == 42


def test_an_imported_module_is_hidden_inside_and_the_same_object_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = importlib.import_module(importable("loaded_package", tmp_path, monkeypatch))
    with hidden("loaded_package"), pytest.raises(ImportError):
        importlib.import_module("loaded_package")
    assert sys.modules["loaded_package"] is module


def test_the_module_comes_back_when_the_block_raises() -> None:
    before = importlib.import_module("json")
    with pytest.raises(KeyError), hidden("json"):
        raise KeyError("x")
    assert importlib.import_module("json") is before
