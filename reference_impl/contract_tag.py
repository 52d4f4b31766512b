"""Which data contract a registered model was trained with, kept as a tag of the version.

On Azure ML the release's smoke request, the drift check and the monitor are built from the
environment's ``data.contract``, as the training pipeline is; the model carries its own
contract only inside its files. A model trained with another one (``train --contract
own.yaml``, or a contract edited since) had its release smoke-tested with rows it refuses, and
rolled back after its deployment was created, or its drift checked on columns it never saw.
``register`` tags every version with the contract's fingerprint; those commands compare it with
the environment's contract before anything is created, and name the setting when they differ.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reference_impl.contract import DataContract

CONTRACT_TAG = "contract_sha256"
"""Model-version tag: :func:`contract_fingerprint` of the contract the version was trained with."""


def contract_fingerprint(contract: DataContract) -> str:
    """The SHA-256 of what a contract asks of the data, not of how its file is written.

    Descriptions, key order, comments, YAML layout and a key written at its default value
    leave it unchanged, so does a key a later version of the project adds with a default (a
    version registered before keeps deploying); a column, a kind, a range, a category, the
    label or the task change it.

    Args:
        contract: The data contract.

    Returns:
        64 hexadecimal digits.
    """
    rules = contract.model_dump(
        mode="json", exclude_defaults=True, exclude={"features": {"__all__": {"description"}}}
    )
    text = json.dumps(rules, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def contract_mismatch(
    model: str, tags: Mapping[str, str] | None, contract: DataContract, setting: str
) -> str | None:
    """Why the environment's contract does not describe a model version's data, or ``None``.

    A version registered before the tag existed carries none and is taken as it is.

    Args:
        model: ``<name>:<version>``, for the message.
        tags: The version's tags.
        contract: The environment's contract (``data.contract``).
        setting: The ``data.contract`` value, for the message.

    Returns:
        One sentence naming ``data.contract``, or ``None`` when they agree.
    """
    recorded = (tags or {}).get(CONTRACT_TAG)
    if not recorded or recorded == contract_fingerprint(contract):
        return None
    return (
        f"{model} was trained with another data contract than data.contract ({setting}); "
        "set data.contract to the contract it was trained with, so the rows sent and read "
        "are the ones the model takes"
    )
