"""Every registered version is tagged with the fingerprint of the contract it was trained with.

``deploy`` and the Azure monitor compare that tag with the environment's ``data.contract``
(``tests/reference_impl/azureml/``); here: what the tag holds, and that ``train`` writes it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from reference_impl.contract import CONTRACT_FILE, contract_path, load_contract
from reference_impl.contract_tag import CONTRACT_TAG, contract_fingerprint
from reference_impl.contract_tag import contract_mismatch as mismatch
from tests.reference_impl.identity import MODEL
from tests.reference_impl.lifecycle.conftest import Lifecycle, registry_state


def test_every_registered_version_is_tagged_with_its_contract(lifecycle: Lifecycle) -> None:
    from mlflow import MlflowClient

    registry_state(lifecycle.workdir)  # points MLflow at the workdir
    versions = MlflowClient().search_model_versions(f"name='{MODEL}'")
    assert len(versions) == len(lifecycle.runs)
    expected = contract_fingerprint(load_contract())
    assert {version.tags.get(CONTRACT_TAG) for version in versions} == {expected}


def test_the_fingerprint_is_of_the_rules_not_of_the_file(tmp_path: Path) -> None:
    """Descriptions, key order, comments and keys at their default change nothing the model
    takes; a range does."""
    raw = yaml.safe_load(contract_path(CONTRACT_FILE).read_text(encoding="utf-8"))
    for feature in raw["features"]:
        feature["description"] = "reworded"
        feature["nullable"] = False  # written at its default
    rewritten = tmp_path / "rewritten.yaml"
    rewritten.write_text(yaml.safe_dump(raw, sort_keys=True), encoding="utf-8")
    original = load_contract()
    assert contract_fingerprint(load_contract(rewritten)) == contract_fingerprint(original)
    first = raw["features"][0]
    first["maximum"] = first["maximum"] + 1
    widened = tmp_path / "widened.yaml"
    widened.write_text(yaml.safe_dump(raw), encoding="utf-8")
    assert contract_fingerprint(load_contract(widened)) != contract_fingerprint(original)
    problem = mismatch(
        f"{MODEL}:3", {CONTRACT_TAG: contract_fingerprint(original)}, load_contract(widened),
        "widened.yaml",
    )  # fmt: skip
    assert problem and "was trained with another data contract than data.contract (widened" in (
        problem
    )


def test_a_key_a_later_version_adds_with_a_default_keeps_the_fingerprint() -> None:
    """Else every version registered before an update of the project would stop deploying."""
    from reference_impl.contract import DataContract

    class Later(DataContract):
        owner: str = ""  # a key the contract of some later version may have

    original = load_contract()
    later = Later.model_validate(original.model_dump())
    assert contract_fingerprint(later) == contract_fingerprint(original)


def test_a_version_registered_before_the_tag_is_taken_as_it_is() -> None:
    assert mismatch(f"{MODEL}:1", {"gate": "approved"}, load_contract(), "x") is None
