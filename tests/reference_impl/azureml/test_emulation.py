"""``train --target azureml --emulate``: the whole pipeline job, in the job environment's pins.

Runs the command as a user types it. Each component runs its rendered command line in a
virtual environment built from the Azure ML environment's own pins (MLflow and pandas older
than the lock), logging to the tracking stand-in that answers 404 for what Azure ML lacks.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reference_impl.azureml.emulation.job_environment import inherited_environment
from reference_impl.azureml.environment import OVERRIDES
from reference_impl.lineage import LINEAGE_TAGS
from tests.reference_impl.early_jobs import environ
from tests.reference_impl.identity import MODEL
from tests.reference_impl.lifecycle.conftest import ROOT


def emulate(folder: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Type the command (a minute of job environments and step processes: an early job)."""
    workdir = folder / "work"
    done = subprocess.run(
        [sys.executable, "-m", "reference_impl", "train", "--target", "azureml", "--emulate",
         "--workdir", str(workdir)],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=1800,
        env={k: v for k, v in environ().items() if k != "MLFLOW_TRACKING_URI"},
    )  # fmt: skip
    return workdir, done


@pytest.mark.early.with_args(emulate)
def test_the_pipeline_runs_in_the_job_pins_and_registers(early_result) -> None:
    workdir, done = early_result
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"registered: {MODEL} version 1" in done.stdout
    assert "404" not in done.stderr  # the stand-in refused nothing the steps asked for
    root = workdir / "azureml-emulation"

    (python,) = root.glob("job-environments/*/bin/python")  # run as a step runs it
    versions = subprocess.run(
        [str(python), "-c", "import mlflow, pandas; print(mlflow.__version__, pandas.__version__)"],
        capture_output=True, text=True, check=True, env=inherited_environment(),
    ).stdout.split()  # fmt: skip
    assert versions == [OVERRIDES["mlflow"][0], OVERRIDES["pandas"][0]]

    with sqlite3.connect(root / "tracking" / "mlflow.db") as db:
        query = "SELECT key, value FROM model_version_tags WHERE name = ?"
        tags = dict(db.execute(query, (MODEL,)))
        (card,) = db.execute("SELECT description FROM model_versions WHERE name = ?", (MODEL,))
        aliases = db.execute("SELECT * FROM registered_model_aliases").fetchall()
    assert tags["gate"] == "approved"
    assert set(LINEAGE_TAGS) <= set(tags) and tags["review"].startswith("runs:/")
    assert card[0].startswith("# Model card")
    assert aliases == []  # nothing the service lacks was set
