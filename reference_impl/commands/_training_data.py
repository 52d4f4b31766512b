"""Which data ``train`` reads: ``--data``, else ``data.training``, else the sample CSV.

A team whose table is its own sets ``data.training`` once per environment, so the README's
``train``, the train-in-dev workflow and a retraining run by hand read that table without
``--data``. A message about the value names where it came from, ``--data`` or ``data.training``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from reference_impl.config import EnvironmentConfig

OPTION = "--data"
SETTING = "data.training"


class TrainingData(NamedTuple):
    """The training data and the name a message gives it."""

    value: str
    named: str

    def problem(self, text: str) -> str:
        """A sentence about ``--data VALUE``, naming the setting instead if the value is its.

        Args:
            text: The sentence as written for ``--data``.

        Returns:
            The sentence, with ``data.training`` in place of ``--data`` when the value is the
            environment's.
        """
        said = f"{OPTION} {self.value}"
        return text.replace(said, f"{self.named} {self.value}", 1) if self.named != OPTION else text


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
    if config.data.training is not None:
        return TrainingData(config.data.training, SETTING)
    return TrainingData(str(TRAINING_DATA), OPTION)
