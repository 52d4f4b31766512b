"""Tell a live pipeline run from a killed one, and close the killed ones.

Every local pipeline run holds ``DIR/locks/<run id>.lock`` while it is alive. The operating
system drops that lock when the process ends, so a run that MLflow still shows as
``RUNNING`` but whose lock nobody holds was killed (or its machine lost power): the next
run marks it, and the step runs under it, ``KILLED``.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from reference_impl.file_lock import acquire, release
from reference_impl.workdir import Workdir


def run_lock(workdir: Workdir, run_id: str) -> Path:
    """The lock file a live pipeline run holds.

    Args:
        workdir: The working directory.
        run_id: MLflow id of the parent run.

    Returns:
        ``DIR/locks/<run id>.lock``.
    """
    return workdir.run_locks / f"{run_id}.lock"


def hold_run_lock(workdir: Workdir, run_id: str) -> IO[bytes]:
    """Take the lock that marks ``run_id`` as alive (free: nobody else wants it yet).

    Args:
        workdir: The working directory.
        run_id: MLflow id of the parent run.

    Returns:
        The locked file; pass it to :func:`drop_run_lock` after the run has ended.
    """
    handle = acquire(run_lock(workdir, run_id), wait=0)
    assert handle is not None, "a new run id is never locked"
    return handle


def drop_run_lock(workdir: Workdir, run_id: str, handle: IO[bytes]) -> None:
    """Release the lock of a run that has ended, and delete its file.

    Args:
        workdir: The working directory.
        run_id: MLflow id of the parent run.
        handle: What :func:`hold_run_lock` returned.
    """
    release(handle)
    run_lock(workdir, run_id).unlink(missing_ok=True)


# --8<-- [start:mark-interrupted]
def mark_interrupted_runs(workdir: Workdir, experiment_id: str) -> list[str]:
    """Mark ``KILLED`` every ``RUNNING`` run whose pipeline process is gone.

    A run belongs to the pipeline run named by its ``mlflow.parentRunId`` tag (or is one);
    that pipeline run is alive while some process holds its lock. A run's status is read
    again while its lock is held here, so a run that finished in the meantime is left alone.

    Args:
        workdir: The working directory.
        experiment_id: The project's experiment.

    Returns:
        Ids of the runs marked ``KILLED``.
    """
    from mlflow import MlflowClient

    client = MlflowClient()
    running = client.search_runs([experiment_id], "attributes.status = 'RUNNING'")
    marked = []
    for run in running:
        owner = run.data.tags.get("mlflow.parentRunId", run.info.run_id)
        handle = acquire(run_lock(workdir, owner), wait=0)
        if handle is None:  # the owning process is alive
            continue
        try:
            if client.get_run(run.info.run_id).info.status == "RUNNING":
                client.set_terminated(run.info.run_id, status="KILLED")
                marked.append(run.info.run_id)
        finally:
            release(handle)
            run_lock(workdir, owner).unlink(missing_ok=True)
    return marked
    # --8<-- [end:mark-interrupted]
