"""Step ``register``: add the model to the registry and move the aliases.

Every trained model is registered and gets the ``challenger`` alias, so it can be inspected
and compared. Only a model the gate approved gets ``champion``, the alias serving follows.
The ``review`` step's evidence is logged with the registration and its model card becomes the
version's description, so the reviewer reads the card of the very version they approve.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reference_impl.collector import as_command
from reference_impl.contract_tag import CONTRACT_TAG
from reference_impl.exit_codes import ExitCode
from reference_impl.lineage import REGISTERED_TAGS, active_run_lineage, registered_metric
from reference_impl.pipeline.graph import parse_step_args
from reference_impl.registry import (
    CHALLENGER,
    CHAMPION,
    ChampionMoved,
    alias_version,
    aliases_supported,
    champion_unchanged,
)
from reference_impl.steps.files import MODEL_CARD, read_json, write_json
from reference_impl.steps.gate import REFERENCE_TAG
from reference_impl.tracking import step_run

REVIEW_TAG = "review"
"""Model-version tag: where the version's review evidence (model card, fairness) is logged."""
REVIEW_FOLDER = "review"


# --8<-- [start:register-model]
def register(
    model: Path, decision: Path, evidence: Path, registration: Path, *, model_name: str
) -> dict[str, Any]:
    """Register the trained model and set ``challenger`` (always) and ``champion`` (if approved).

    Args:
        model: Folder written by the ``train`` step (``model_info.json``).
        decision: Folder written by the ``gate`` step (``decision.json``).
        evidence: Folder written by the ``review`` step (model card, fairness, importance).
        registration: Output folder.
        model_name: Registered model name.

    Returns:
        The content of ``registration.json``: name, new version, its aliases, and the
        champion version after this step.
    """
    import mlflow
    from mlflow import MlflowClient

    info = read_json(model / "model_info.json")
    verdict = read_json(decision / "decision.json")
    client = MlflowClient()
    if verdict["approved"]:
        champion_unchanged(model_name, verdict)
    with step_run("register") as run:
        mlflow.log_artifacts(str(evidence), artifact_path=REVIEW_FOLDER)
        version = mlflow.register_model(info["model_uri"], model_name).version
        card = (evidence / MODEL_CARD).read_text(encoding="utf-8")
        client.update_model_version(model_name, version, description=card)
        client.set_model_version_tag(
            model_name, version, REVIEW_TAG, f"runs:/{run.info.run_id}/{REVIEW_FOLDER}"
        )
        if verdict.get("holdout_uri"):  # the rows it was approved on: the next reference
            client.set_model_version_tag(model_name, version, REFERENCE_TAG, verdict["holdout_uri"])
        client.set_model_version_tag(
            model_name, version, "gate", "approved" if verdict["approved"] else "rejected"
        )
        if checked := registered_metric(verdict["challenger"]):  # the next gate's data check
            figure = verdict["challenger"][checked]
            client.set_model_version_tag(
                model_name, version, REGISTERED_TAGS[checked], f"{figure:.4f}"
            )
        if fingerprint := info.get(CONTRACT_TAG):  # what deploy and monitor compare with
            client.set_model_version_tag(model_name, version, CONTRACT_TAG, fingerprint)
        for tag, value in active_run_lineage().items():  # git commit, pipeline run, data
            client.set_model_version_tag(model_name, version, tag, value)
        if aliases_supported():  # last: the version is complete before serving follows it
            client.set_registered_model_alias(model_name, CHALLENGER, version)
            if verdict["approved"]:
                client.set_registered_model_alias(model_name, CHAMPION, version)
    champion = alias_version(model_name, CHAMPION)
    result = {
        "model_name": model_name,
        "version": str(version),
        "aliases": [CHALLENGER, CHAMPION] if verdict["approved"] else [CHALLENGER],
        "champion_version": None if champion is None else str(champion.version),
    }
    write_json(registration / "registration.json", result)
    return result
    # --8<-- [end:register-model]


def champion_phrase(champion_version: str | None) -> str:
    """Say which version is champion, for a person reading the run's log.

    Args:
        champion_version: The champion's version, or ``None`` when no model has passed the gate.

    Returns:
        ``champion is version N``, or ``no champion yet``.
    """
    return f"champion is version {champion_version}" if champion_version else "no champion yet"


def main(argv: Sequence[str] | None = None) -> int:
    """Command line of the step.

    Args:
        argv: Arguments without the program name.

    Returns:
        ``0``, or ``7`` (busy) when the champion moved after the gate ran.
    """
    args = parse_step_args("register", argv)
    try:
        result = register(
            args.model, args.decision, args.evidence, args.registration, model_name=args.model_name
        )
    except ChampionMoved as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.BUSY
    print(
        f"register: {result['model_name']} version {result['version']} "
        f"({', '.join(result['aliases'])}); {champion_phrase(result['champion_version'])}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(as_command(main))
