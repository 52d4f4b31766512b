"""dev.py's kept bytecode: what belongs to folders that are gone is dropped, the rest stays."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from accelerator import REPO_ROOT

SCAFFOLD_DEV = REPO_ROOT / "docs" / "accelerator" / "template" / "scaffold" / "dev.py"


def scaffold_dev():
    """The generated project's dev.py (this repository's .ci/dev.py runs the same code)."""
    spec = importlib.util.spec_from_file_location("scaffold_dev", SCAFFOLD_DEV)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pruning_drops_the_bytecode_of_removed_folders_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prefix = tmp_path / "pycache"
    monkeypatch.setattr(sys, "pycache_prefix", str(prefix))  # where Python itself would write
    kept, gone = tmp_path / "project" / "pkg", tmp_path / "pytest-7" / "pkg"
    kept.mkdir(parents=True)
    compiled = {}
    for source in (kept, gone):
        compiled[source] = Path(importlib.util.cache_from_source(str(source / "module.py")))
        compiled[source].parent.mkdir(parents=True)
        compiled[source].write_bytes(b"bytecode")
    assert compiled[kept].is_relative_to(prefix) and compiled[gone].is_relative_to(prefix)

    scaffold_dev().prune_bytecode(prefix)

    assert compiled[kept].exists()
    assert not compiled[gone].parent.parent.exists()  # the whole removed folder's mirror
    assert (prefix / compiled[kept].relative_to(prefix).parts[0]).exists()  # shared parents stay
