"""``train --target azureml --emulate`` refuses what it cannot emulate, before building anything."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reference_impl.azureml.emulation.job_environment import COMPLETE, missing_uv
from tests.reference_impl.lifecycle.conftest import ROOT


def emulate(workdir: Path, *extra: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "reference_impl", "train", "--target",
         "azureml", "--emulate", "--workdir", str(workdir), *extra],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=300,
        env=env if env is not None else dict(os.environ),
    )  # fmt: skip
    return done.returncode, done.stderr


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        (["--code", "azureml:/subscriptions/x/codes/c/versions/1"], "drop --code"),
        (["--dry-run", "--out", "x"], "drop --dry-run"),
        (["--data", "azureml:customers:3"], "the emulation reads local files only"),
    ],
)
def test_arguments_the_emulation_cannot_honour(
    tmp_path: Path, extra: list[str], named: str
) -> None:
    code, err = emulate(tmp_path, *extra)
    assert code == 2, err
    assert named in err and "Traceback" not in err
    assert not (tmp_path / "azureml-emulation").exists()  # nothing built


def test_without_uv_it_says_how_to_get_it(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "UV"}
    env["PATH"] = str(Path(sys.executable).parent)  # this Python, and no uv
    code, err = emulate(tmp_path, env=env)
    assert code == 2, err
    assert "builds the job environment with uv" in err and "Traceback" not in err


def test_without_uv_an_environment_built_earlier_is_not_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("UV", raising=False)
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent))  # this Python, and no uv
    assert "builds the job environment with uv" in (missing_uv(tmp_path) or "")
    (tmp_path / "0123456789ab").mkdir()
    (tmp_path / "0123456789ab" / COMPLETE).write_text("mlflow==3.17.0\n", encoding="utf-8")
    assert missing_uv(tmp_path) is None  # job_python reuses it, or says why not
