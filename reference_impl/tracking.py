"""Point MLflow at a local working directory, and give each step a run to log into."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from reference_impl.config.project import load_project
from reference_impl.workdir import Workdir

if TYPE_CHECKING:
    import mlflow


# --8<-- [start:use-workdir]
def use_workdir(workdir: Workdir) -> str:
    """Make MLflow track and register into ``workdir`` and return the experiment id.

    Sets the tracking and registry URIs to ``sqlite:///DIR/mlflow.db`` explicitly (never
    the process default, which would write ``./mlruns``) and creates the experiment with
    its artifact location under ``DIR/mlartifacts``.

    Args:
        workdir: The local working directory.

    Returns:
        The id of the project's experiment (``config/project.yaml``), now the active one.
    """
    import mlflow

    os.environ.setdefault("MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR", "false")
    mlflow.set_tracking_uri(workdir.tracking_uri)
    mlflow.set_registry_uri(workdir.tracking_uri)
    name = load_project().experiment
    experiment = mlflow.get_experiment_by_name(name)
    if experiment is None:
        experiment_id = mlflow.create_experiment(
            name, artifact_location=workdir.artifact_root.as_uri()
        )
    else:
        experiment_id = experiment.experiment_id
    mlflow.set_experiment(experiment_id=experiment_id)
    return experiment_id
    # --8<-- [end:use-workdir]


@contextmanager
def step_run(name: str) -> Iterator[mlflow.ActiveRun]:
    """Log into the active MLflow run, or start one when the step runs on its own.

    Under the local runner a nested run per step is already active. Run standalone, or as
    an Azure ML command job (which sets ``MLFLOW_RUN_ID``), ``start_run`` attaches to the
    job's run.

    Args:
        name: Run name used when a run has to be started.

    Yields:
        The active run.
    """
    import mlflow

    active = mlflow.active_run()
    if active is not None:
        yield active
        return
    with mlflow.start_run(run_name=name) as run:
        yield run
