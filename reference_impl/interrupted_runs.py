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


def close_own_runs(parent_id: str, status: str) -> list[str]:
    """End a pipeline run that stopped, and every step run under it, with ``status``.

    A Ctrl-C can land inside ``mlflow.start_run`` or ``mlflow.end_run``: a step's run then
    exists in the store as ``RUNNING`` but is not on MLflow's stack of active runs (it was
    never pushed, or already popped), or it is still on the stack above the pipeline run, so
    ending "the active run" would end the step and leave the pipeline ``RUNNING``. This ends
    whatever of this pipeline is on the stack, then marks any step run still ``RUNNING`` in
    the store, so the next ``train`` has nothing left to mend.

    Args:
        parent_id: MLflow id of the pipeline run.
        status: The status to end with (``KILLED`` after a Ctrl-C).

    Returns:
        Ids of the step runs that were ``RUNNING`` in the store although off the stack.
    """
    import mlflow
    from mlflow import MlflowClient

    while (active := mlflow.active_run()) is not None and parent_id in (
        active.info.run_id,
        active.data.tags.get("mlflow.parentRunId"),
    ):
        mlflow.end_run(status=status)
    client = MlflowClient()
    experiment_id = client.get_run(parent_id).info.experiment_id
    query = f"tags.mlflow.parentRunId = '{parent_id}' and attributes.status = 'RUNNING'"
    leftover = [run.info.run_id for run in client.search_runs([experiment_id], query)]
    for run_id in leftover:
        client.set_terminated(run_id, status=status)
    return leftover
