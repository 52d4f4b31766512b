"""Model registry helpers: aliases instead of stages, and local copies of a version.

``champion`` is the version that serves; ``challenger`` is the latest trained version.
MLflow's stages (Staging/Production) are deprecated; aliases are the supported way locally.

Azure ML's MLflow-compatible registry answers model-version tags and descriptions but not
the alias endpoints (its support matrix lists no aliases), so inside an Azure ML job the same
two names are read from what the service does keep: ``challenger`` is the newest version,
``champion`` the newest version the gate tagged ``gate=approved`` (each approved version beat
the champion before it, so the newest approved one is the champion).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mlflow.entities.model_registry import ModelVersion

CHAMPION = "champion"
CHALLENGER = "challenger"


class NoChampionError(LookupError):
    """The registry has no version with the ``champion`` alias yet."""


class ChampionMoved(RuntimeError):
    """Another run moved the ``champion`` alias after this run's gate compared against it."""


def champion_unchanged(model_name: str, verdict: dict[str, Any]) -> None:
    """Check that ``champion`` still points at the version the gate compared against.

    Args:
        model_name: Registered model name.
        verdict: The gate's ``decision.json``.

    Raises:
        ChampionMoved: If the alias moved (or appeared) since the gate ran.
    """
    compared = (verdict.get("champion") or {}).get("version")
    current = alias_version(model_name, CHAMPION)
    now = None if current is None else str(current.version)
    if now != compared:
        raise ChampionMoved(
            f"the champion of {model_name!r} is version {now} but the gate compared against "
            f"version {compared}: another run promoted a model meanwhile, so nothing was "
            "registered; run train again"
        )


def aliases_supported(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the registry serves MLflow's alias endpoints.

    Args:
        environ: Environment variables (default: the process's).

    Returns:
        ``False`` inside an Azure ML job (``AZUREML_RUN_ID`` is set) or against a workspace's
        ``azureml://`` tracking URI; ``True`` for the local SQLite store.
    """
    env = os.environ if environ is None else environ
    return "AZUREML_RUN_ID" not in env and not env.get("MLFLOW_TRACKING_URI", "").startswith(
        "azureml:"
    )


def _versions(model_name: str) -> list[ModelVersion]:
    """Every registered version of ``model_name`` (none if the model is not registered)."""
    from mlflow import MlflowClient

    return list(MlflowClient().search_model_versions(f"name='{model_name}'"))


def _newest(model_name: str, *, approved: bool) -> ModelVersion | None:
    from reference_impl.lineage import GATE_APPROVED, GATE_TAG

    versions = _versions(model_name)
    if approved:
        versions = [v for v in versions if (v.tags or {}).get(GATE_TAG) == GATE_APPROVED]
    return max(versions, key=lambda v: int(v.version), default=None)


def alias_version(model_name: str, alias: str) -> ModelVersion | None:
    """The version holding ``alias``, or ``None`` when the model or the alias does not exist.

    Args:
        model_name: Registered model name.
        alias: ``champion`` or ``challenger``.

    Returns:
        The model version, or ``None``. Without alias support (:func:`aliases_supported`)
        the champion is the newest approved version and the challenger the newest version.
    """
    from mlflow import MlflowClient
    from mlflow.exceptions import MlflowException

    if not aliases_supported():
        return _newest(model_name, approved=alias == CHAMPION)
    try:
        return MlflowClient().get_model_version_by_alias(model_name, alias)
    except MlflowException as exc:
        if exc.error_code in ("RESOURCE_DOES_NOT_EXIST", "INVALID_PARAMETER_VALUE"):
            return None
        raise  # pragma: no cover - a broken store, not a missing alias


def download_version(model_name: str, version: str, destination: Path) -> Path:
    """Copy a registered version's files to ``destination`` (replaced if it exists).

    Args:
        model_name: Registered model name.
        version: Version number.
        destination: Local folder.

    Returns:
        The folder holding ``MLmodel``.
    """
    import shutil

    import mlflow

    shutil.rmtree(destination, ignore_errors=True)
    destination.mkdir(parents=True)
    uri = f"models:/{model_name}/{version}"
    return Path(mlflow.artifacts.download_artifacts(uri, dst_path=str(destination)))


def no_champion(model_name: str) -> str:
    """Why no version serves: nothing trained yet, or the gate approved none of the versions.

    Args:
        model_name: Registered model name.

    Returns:
        One sentence naming the model and, when versions exist, the newest one and what to do.
    """
    versions = _versions(model_name)
    if not versions:
        return f"model {model_name!r} has no {CHAMPION!r} version; run the train command first"
    newest = max(int(version.version) for version in versions)
    return (
        f"model {model_name!r} has no {CHAMPION!r} version: the gate approved none of its "
        f"{len(versions)} registered version(s) (the newest is {newest}); train's summary "
        "lists the checks that failed: fix them and run train again"
    )


def champion_copy(model_name: str, destination: Path) -> tuple[ModelVersion, Path]:
    """Copy the champion the way Azure ML mounts a model, reusing an existing copy.

    The copy lands in ``destination/<model_name>/<version>/model/``; the returned folder
    ``destination/<model_name>/<version>`` is what Azure ML sets ``AZUREML_MODEL_DIR`` to.

    Args:
        model_name: Registered model name.
        destination: Parent folder of local copies.

    Returns:
        The champion version and its ``AZUREML_MODEL_DIR`` folder.

    Raises:
        NoChampionError: If no version holds the ``champion`` alias.
    """
    champion = alias_version(model_name, CHAMPION)
    if champion is None:
        raise NoChampionError(no_champion(model_name))
    model_dir = destination / model_name / str(champion.version)
    if not (model_dir / "model" / "MLmodel").is_file():
        download_version(model_name, champion.version, model_dir / "model")
    return champion, model_dir
