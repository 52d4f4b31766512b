"""A model folder loaded twice in one process is read once, unless its files changed.

The local ``train`` runs its steps in one process: ``evaluate``, ``review`` and ``gate`` each
load the challenger's folder, and only the first reads it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from reference_impl.modeling.packaging import load_model_dir
from reference_impl.steps.train import MODEL_FOLDER
from tests.reference_impl.lifecycle.conftest import Lifecycle


def _copy(lifecycle: Lifecycle, folder: Path) -> Path:
    run_dir = lifecycle.runs["better"].run_dir
    assert run_dir is not None
    return Path(shutil.copytree(run_dir / "train" / "model" / MODEL_FOLDER, folder))


def test_an_unchanged_folder_gives_the_model_already_loaded(
    lifecycle: Lifecycle, tmp_path: Path
) -> None:
    folder = _copy(lifecycle, tmp_path / "model")
    first = load_model_dir(folder)
    assert load_model_dir(folder) is first
    assert load_model_dir(folder.parent) is first  # the parent finds the same folder
    other = _copy(lifecycle, tmp_path / "copy")
    assert load_model_dir(other) is not first  # another folder is read on its own


def test_a_changed_file_is_read_again(lifecycle: Lifecycle, tmp_path: Path) -> None:
    folder = _copy(lifecycle, tmp_path / "model")
    first = load_model_dir(folder)
    model_file = next(path for path in folder.iterdir() if path.suffix in {".skops", ".pkl"})
    stat = model_file.stat()
    os.utime(model_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = load_model_dir(folder)
    assert second is not first
    assert second.estimator is not first.estimator
    (folder / "MLmodel").write_text(
        (folder / "MLmodel").read_text().replace("threshold: 0.35", "threshold: 0.4")
    )
    assert load_model_dir(folder).threshold != second.threshold  # rewritten: read again
