"""Lineage and gate evidence of a registered model version, as tags.

``register`` writes these tags on every version it registers; ``promote`` and ``deploy``
read them back and refuse a version the gate rejected, or one that carries no gate evidence
or no lineage. The tags are plain strings, so they survive the copy from a workspace into
the shared registry and can be read by any tool (MLflow, azure-ai-ml, the studio).

Where the values come from:

- ``git_commit``: ``LINEAGE_GIT_COMMIT`` (set on the Azure ML job at submission), else the
  CI's commit (``GITHUB_SHA``, ``BUILD_SOURCEVERSION``), else ``git rev-parse HEAD``;
- ``pipeline_run``: ``LINEAGE_PIPELINE_RUN`` (the Azure ML pipeline job name), else the
  parent MLflow run of the step (the local pipeline run);
- ``data``: ``LINEAGE_DATA`` (the ``azureml:<asset>:<version>`` or datastore URI bound to the
  pipeline), else the parent run's ``raw_data`` tag (the file or folder of a local run);
- ``data_format``, ``data_sha256`` and, for a Delta table, ``data_version``: written on the
  pipeline run by ``validate`` (:func:`record_data_reference`) from what it actually read.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

from reference_impl.contract_tag import CONTRACT_TAG

# --8<-- [start:tag-names]
GATE_TAG = "gate"
"""``approved`` or ``rejected``: the gate's decision on this version."""
GATE_APPROVED = "approved"
GATE_REJECTED = "rejected"
LINEAGE_TAGS = ("git_commit", "pipeline_run", "data")
"""Tags every registered version carries: code, pipeline run and training data."""
LINEAGE_ENV = {
    "git_commit": "LINEAGE_GIT_COMMIT",
    "pipeline_run": "LINEAGE_PIPELINE_RUN",
    "data": "LINEAGE_DATA",
}
"""The environment variable that sets each lineage tag inside a job."""
DATA_REFERENCE_TAGS = ("data_format", "data_version", "data_sha256")
"""Tags naming the exact data read: format, Delta table version (if any), checksum of the rows."""
REGISTERED_TAGS = {"roc_auc": "holdout_roc_auc", "r2": "holdout_r2"}
"""The holdout figure a version is registered with, which later gates check the champion
against: ROC AUC for a classifier, R² for a regressor (both scale-free, higher is better)."""
# --8<-- [end:tag-names]
UNKNOWN = "unknown"
_CI_COMMIT = ("GITHUB_SHA", "BUILD_SOURCEVERSION")


class GateRefused(ValueError):
    """A model version was rejected by the gate, or lacks gate evidence or lineage."""


def git_commit(environ: Mapping[str, str] | None = None) -> str:
    """The commit the code runs from.

    Args:
        environ: Environment variables (default: the process's).

    Returns:
        The first of ``LINEAGE_GIT_COMMIT``, ``GITHUB_SHA``, ``BUILD_SOURCEVERSION`` that is
        set, else ``git rev-parse HEAD`` of the package's folder, else ``unknown``.
    """
    env = os.environ if environ is None else environ
    for name in (LINEAGE_ENV["git_commit"], *_CI_COMMIT):
        if env.get(name):
            return env[name]
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=Path(__file__).resolve().parent,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return UNKNOWN
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else UNKNOWN


# --8<-- [start:lineage-tags]
def lineage_tags(
    parent_run: Mapping[str, str] | None = None,
    *,
    parent_run_id: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The lineage tags of a version registered now.

    Args:
        parent_run: Tags of the pipeline's MLflow run (local runs tag it ``raw_data``).
        parent_run_id: Id of that run.
        environ: Environment variables (default: the process's).

    Returns:
        One value per name in :data:`LINEAGE_TAGS`; ``unknown`` where nothing says; plus
        the :data:`DATA_REFERENCE_TAGS` the parent run carries.
    """
    env = os.environ if environ is None else environ
    parent = parent_run or {}
    return {
        "git_commit": git_commit(env),
        "pipeline_run": env.get(LINEAGE_ENV["pipeline_run"]) or parent_run_id or UNKNOWN,
        "data": env.get(LINEAGE_ENV["data"]) or parent.get("raw_data") or UNKNOWN,
        **{tag: parent[tag] for tag in DATA_REFERENCE_TAGS if parent.get(tag)},
    }
    # --8<-- [end:lineage-tags]


# --8<-- [start:gate-evidence]
def gate_problem(name: str, version: str, tags: Mapping[str, str] | None) -> str | None:
    """Why a version must not be promoted or deployed, in one sentence.

    Args:
        name: Registered model name.
        version: Version number.
        tags: The version's tags.

    Returns:
        ``None`` when the gate approved the version and its lineage is complete; otherwise
        the reason.
    """
    tags = tags or {}
    decision = tags.get(GATE_TAG)
    if decision == GATE_REJECTED:
        return (
            f"{name}:{version} was rejected by the gate (tag {GATE_TAG}={GATE_REJECTED}); "
            "only approved versions are promoted or deployed"
        )
    if decision != GATE_APPROVED:
        return (
            f"{name}:{version} carries no gate evidence (tag {GATE_TAG} is "
            f"{'missing' if decision is None else repr(decision)}); register it through "
            "the training pipeline"
        )
    missing = [tag for tag in LINEAGE_TAGS if not tags.get(tag) or tags[tag] == UNKNOWN]
    if missing:
        return f"{name}:{version} lacks lineage tag(s) {', '.join(missing)}; it cannot be traced"
    return None
    # --8<-- [end:gate-evidence]


def require_gate_evidence(name: str, version: str, tags: Mapping[str, str] | None) -> None:
    """Raise when :func:`gate_problem` finds a reason to refuse the version.

    Args:
        name: Registered model name.
        version: Version number.
        tags: The version's tags.

    Raises:
        GateRefused: With the reason.
    """
    problem = gate_problem(name, version, tags)
    if problem is not None:
        raise GateRefused(problem)


def registered_metric(metrics: Mapping[str, float]) -> str | None:
    """Which figure of :data:`REGISTERED_TAGS` a model's holdout ``metrics`` hold, if any.

    Args:
        metrics: Holdout metrics of one model (classification ones hold ``roc_auc``,
            regression ones ``r2``).

    Returns:
        ``roc_auc``, ``r2`` or ``None``.
    """
    return next((metric for metric in REGISTERED_TAGS if metric in metrics), None)


def evidence_tags(tags: Mapping[str, str] | None) -> dict[str, str]:
    """The gate and lineage tags among ``tags`` (what a promotion carries along).

    Args:
        tags: A version's tags.

    Returns:
        The subset named :data:`GATE_TAG`, :data:`~reference_impl.contract_tag.CONTRACT_TAG`
        or in :data:`REGISTERED_TAGS` or :data:`LINEAGE_TAGS`.
    """
    keep = (GATE_TAG, CONTRACT_TAG, *REGISTERED_TAGS.values(), *LINEAGE_TAGS)
    return {key: str(value) for key, value in (tags or {}).items() if key in keep}


def active_run_lineage() -> dict[str, str]:
    """:func:`lineage_tags` for the step running now, read from its MLflow parent run.

    Returns:
        The lineage tags (the parent run is the local pipeline run, or the Azure ML
        pipeline job whose name is the run id).
    """
    import mlflow

    active = mlflow.active_run()
    run = mlflow.get_run(active.info.run_id) if active is not None else None
    parent_id = run.data.tags.get("mlflow.parentRunId") if run is not None else None
    parent = mlflow.get_run(parent_id).data.tags if parent_id else {}
    return lineage_tags(parent, parent_run_id=parent_id)


def record_data_reference(reference: Mapping[str, str]) -> None:
    """Tag the pipeline run with the exact data ``validate`` read, for ``register`` to copy.

    The tags go on the parent of the step's MLflow run (the local pipeline run, or the Azure
    ML pipeline job). A step run by hand outside any MLflow run records nothing.

    Args:
        reference: ``data_format``, ``data_sha256`` and maybe ``data_version``
            (:func:`reference_impl.validation.formats.data_reference`).
    """
    import mlflow
    from mlflow import MlflowClient

    if mlflow.active_run() is None and not os.environ.get("MLFLOW_RUN_ID"):
        return

    from reference_impl.tracking import step_run

    with step_run("validate") as run:
        client = MlflowClient()
        tags = client.get_run(run.info.run_id).data.tags
        target = tags.get("mlflow.parentRunId") or run.info.run_id
        for tag in DATA_REFERENCE_TAGS:
            if reference.get(tag):
                client.set_tag(target, tag, str(reference[tag]))
