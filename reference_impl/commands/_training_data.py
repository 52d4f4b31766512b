"""Which data ``train`` reads: ``--data``, else ``data.training``, else the sample CSV.

A team whose table is its own sets ``data.training`` once per environment, so the README's
``train``, the train-in-dev workflow and a retraining run by hand read that table without
``--data``. A message about the value names where it came from, ``--data`` or ``data.training``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from reference_impl.config import EnvironmentConfig

OPTION = "--data"
SETTING = "data.training"


class TrainingData(NamedTuple):
    """The training data and the name a message gives it."""

    value: str
    named: str

    def __str__(self) -> str:
        """``--data VALUE`` or ``data.training VALUE``: how a message names the value."""
        return f"{self.named} {self.value}"


def training_data(given: str | None, config: EnvironmentConfig) -> TrainingData:
    """The data a ``train`` run reads.

    Args:
        given: ``--data`` as typed, or ``None``.
        config: The environment's configuration, with ``--set`` applied.

    Returns:
        ``--data``; else ``data.training``; else the sample CSV (named as ``--data``'s default).
    """
    from reference_impl.data import TRAINING_DATA

    if given is not None:
        return TrainingData(str(given), OPTION)
    if config.data.training is not None:  # no shell expanded a file's ~, so it is done here
        return TrainingData(os.path.expanduser(config.data.training), SETTING)
    return TrainingData(str(TRAINING_DATA), OPTION)
