"""Run :data:`~reference_impl.pipeline.graph.TRAINING_PIPELINE` on this machine.

Each step's ``main(argv)`` is called in this process with the same arguments Azure ML would
pass to ``python -m <module>``, inside a nested MLflow run of one parent run per pipeline
execution. Step outputs go to ``DIR/runs/<parent run id>/<step>/<port>``.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reference_impl.config import EnvironmentConfig
from reference_impl.file_lock import held
from reference_impl.interrupt import ctrl_c_unwrapped
from reference_impl.interrupted_runs import (
    close_own_runs,
    drop_run_lock,
    hold_run_lock,
    mark_interrupted_runs,
)
from reference_impl.paths import real_path
from reference_impl.pipeline.graph import PIPELINE_SOURCE, TRAINING_PIPELINE, Pipeline
from reference_impl.tracking import DEFAULT_WAIT_SECONDS, start_run, use_workdir
from reference_impl.workdir import Workdir

REGISTRY_STEPS = ("gate", "register")
"""Steps that read or move the champion alias; they run under the workdir lock, in one go."""


@dataclass
class LocalRun:
    """Outcome of one local pipeline execution.

    Attributes:
        run_id: MLflow id of the parent run (also the folder name under ``DIR/runs``).
        exit_code: ``0`` when every step succeeded, else the failing step's exit code.
        failed_step: Name of the step that failed, if any.
        outputs: Output folder of every executed step, by ``<step>.<port>``.
        seconds: Wall time per executed step.
    """

    run_id: str
    exit_code: int = 0
    failed_step: str | None = None
    outputs: dict[str, Path] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


# --8<-- [start:run-local]
def run_local(
    config: EnvironmentConfig,
    raw_data: Path,
    workdir: Workdir,
    *,
    pipeline: Pipeline = TRAINING_PIPELINE,
    log: Callable[[str], Any] = print,
    wait: float = DEFAULT_WAIT_SECONDS,
) -> LocalRun:
    """Execute every step in order; stop at the first step that exits non-zero.

    Runs on the same working directory may overlap: each trains on its own, but the steps
    that read and move the registry's aliases (:data:`REGISTRY_STEPS`) run under the
    workdir lock, one run at a time, so a gate always compares against the champion that
    register will replace.

    Args:
        config: Environment configuration (source of every step parameter).
        raw_data: The training data bound to the pipeline input ``raw_data``.
        workdir: Where MLflow and the step outputs live.
        pipeline: The graph to execute.
        log: Receives one progress line per step.
        wait: Seconds to wait for the workdir lock before giving up as busy.

    Returns:
        Exit code, failed step and output folders.

    Raises:
        reference_impl.file_lock.WorkdirBusy: If another run held the lock for ``wait`` s.
    """
    import mlflow

    experiment_id = use_workdir(workdir, wait)
    values = pipeline.param_values(config)
    paths = {f"{PIPELINE_SOURCE}.raw_data": real_path(raw_data)}
    tags = {"environment": config.name, "raw_data": str(paths[f"{PIPELINE_SOURCE}.raw_data"])}
    with held(workdir.lock_file, wait, "start a run"):
        killed = mark_interrupted_runs(workdir, experiment_id)
        if killed:
            log(f"marked {len(killed)} run(s) of an interrupted train as KILLED")
        parent = start_run(run_name=pipeline.name, tags=tags)
        alive = hold_run_lock(workdir, parent.info.run_id)
    result = LocalRun(run_id=parent.info.run_id)
    status = "FAILED"
    locked = [step.name for step in pipeline.steps if step.name in REGISTRY_STEPS]
    with ExitStack() as registry_lock:
        try:
            for number, step in enumerate(pipeline.steps, start=1):
                if locked and step.name == locked[0]:
                    registry_lock.enter_context(
                        held(workdir.lock_file, wait, "compare with the champion and register")
                    )
                log(f"[{number}/{len(pipeline.steps)}] {step.name}: {step.description}")
                ports = {port.name: paths[port.source] for port in step.inputs}
                for port in step.outputs:
                    ports[port.name] = workdir.runs / result.run_id / step.name / port.name
                    paths[f"{step.name}.{port.name}"] = ports[port.name]
                started = time.perf_counter()
                with start_run(run_name=step.name, nested=True):
                    try:
                        with ctrl_c_unwrapped():  # a Ctrl-C while a module defines classes
                            main = importlib.import_module(step.module).main
                            code = main(step.argv(ports, values[step.name]))
                    except KeyboardInterrupt:  # MLflow would record FAILED
                        mlflow.end_run(status="KILLED")
                        raise
                result.seconds[step.name] = time.perf_counter() - started
                log(f"      {step.name} took {result.seconds[step.name]:.1f} s")
                if code != 0:
                    result.exit_code, result.failed_step = int(code), step.name
                    log(f"      {step.name} failed with exit code {code}; later steps skipped")
                    break
                result.outputs.update(
                    {f"{step.name}.{p.name}": ports[p.name] for p in step.outputs}
                )
            else:
                status = "FINISHED"
        except KeyboardInterrupt:  # Ctrl-C: the mark the next run gives a killed run's leftovers
            status = "KILLED"
            raise
        finally:
            if status == "KILLED":  # a Ctrl-C may land while MLflow starts or ends a step's run
                close_own_runs(result.run_id, status)
            else:
                mlflow.end_run(status=status)
            drop_run_lock(workdir, result.run_id, alive)
    return result
    # --8<-- [end:run-local]
