"""Point MLflow at a local working directory, and give each step a run to log into."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import TYPE_CHECKING, Any

from reference_impl.config.project import load_project
from reference_impl.file_lock import held
from reference_impl.hidden_module import hidden
from reference_impl.store import check_store, create_store
from reference_impl.workdir import Workdir

DEFAULT_WAIT_SECONDS = 600.0

NOTEBOOK_SHELL = "IPython"
"""What MLflow imports on every new run to ask whether it runs in a notebook."""

if TYPE_CHECKING:
    import mlflow


# --8<-- [start:use-workdir]
def use_workdir(workdir: Workdir, wait: float = DEFAULT_WAIT_SECONDS) -> str:
    """Make MLflow track and register into ``workdir`` and return the experiment id.

    Sets the tracking and registry URIs to ``sqlite:///DIR/mlflow.db`` explicitly (never
    the process default, which would write ``./mlruns``) and creates the experiment with
    its artifact location under ``DIR/mlartifacts``. Under the workdir lock, so that
    concurrent first runs create the store and the experiment once: an existing store is
    checked first (:func:`~reference_impl.store.check_store`), a missing one is created
    atomically.

    Args:
        workdir: The local working directory.
        wait: Seconds to wait for another run holding the workdir lock.

    Returns:
        The id of the project's experiment (``config/project.yaml``), now the active one.

    Raises:
        reference_impl.store.StoreDamaged: If the store is empty, damaged or half-created.
        reference_impl.file_lock.WorkdirBusy: If the lock stayed taken for ``wait`` seconds.
    """
    import mlflow

    os.environ.setdefault("MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR", "false")
    # A Databricks-only feature (resuming Serverless GPU jobs): when on, every start_run asks
    # IPython for Databricks' dbutils, importing IPython (~1 s) wherever ipykernel is installed.
    os.environ.setdefault("MLFLOW_ENABLE_SGC_RUN_RESUMPTION_FOR_DATABRICKS_JOBS", "false")
    with held(workdir.lock_file, wait, "open the MLflow store"):
        check_store(workdir)
        if not workdir.database.exists():
            create_store(workdir)
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


def start_run(**options: Any) -> mlflow.ActiveRun:
    """``mlflow.start_run(**options)``, without importing IPython only to learn it is unused.

    When a run starts, MLflow tags it with its context, and to ask whether the context is a
    Jupyter notebook it imports IPython (about 0.2 s, in every process, wherever IPython is
    installed, as it is beside ``ipykernel``). A notebook's shell imports IPython before any
    cell runs, so when IPython is not imported yet the answer is no: IPython is hidden for the
    call (:func:`~reference_impl.hidden_module.hidden`), MLflow's probe meets ``ImportError``
    and answers no, and the run's tags are the same. In a notebook IPython is imported
    already and MLflow probes as usual.

    Args:
        options: Arguments of ``mlflow.start_run``.

    Returns:
        The active run, as ``mlflow.start_run`` returns it.
    """
    import mlflow

    imported = NOTEBOOK_SHELL in sys.modules
    with nullcontext() if imported else hidden(NOTEBOOK_SHELL):
        return mlflow.start_run(**options)


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
    with start_run(run_name=name) as run:
        yield run
