"""Exit codes shared by the steps and the ``python -m reference_impl`` commands."""

from collections.abc import Mapping
from enum import IntEnum


# --8<-- [start:exit-codes]
class ExitCode(IntEnum):
    """What a non-zero exit means, so scripts and CI can branch on it."""

    OK = 0  # done (for train: whatever the gate decided)
    AZURE_REFUSED = 1  # an Azure ML call was refused, or there is no Azure sign-in
    USAGE = 2  # bad arguments or configuration, or a target that is not implemented
    RETRAIN_RECOMMENDED = 3  # monitor: drift found
    BAD_DATA = 4  # a data file breaks the contract; nothing was trained or registered
    NO_CHAMPION = 5  # serve, batch-score, monitor: no model holds the champion alias
    GATE_REFUSED = 6  # promote, deploy: the gate rejected the version, or it lacks evidence
    BUSY = 7  # train: another run on the same workdir held its lock too long; run again later
    STORE_DAMAGED = 8  # the workdir's MLflow store is empty, damaged or half-created
    INTERRUPTED = 130  # stopped with Ctrl-C; the process ends by SIGINT, which shells show as 130
    # --8<-- [end:exit-codes]


STOPPED: dict[ExitCode, str] = {ExitCode.INTERRUPTED: "stopped with Ctrl-C"}
"""The ``EXITS`` entry of every command ``cli.main`` turns a Ctrl-C into exit 130 for."""
WORKDIR_EXITS: dict[ExitCode, str] = {
    ExitCode.BUSY: "another process held the workdir's lock for ten minutes",
    ExitCode.STORE_DAMAGED: "the MLflow store is damaged",
}
"""The ``EXITS`` entries of every command that opens the working directory's MLflow store."""


def exit_codes_sentence(exits: Mapping[ExitCode, str]) -> str:
    """The ``Exit codes: ...`` sentence a command's ``--help`` ends with.

    Args:
        exits: What each exit code the command returns means for it (its ``EXITS``).

    Returns:
        One sentence listing the codes in numeric order.
    """
    listed = ", ".join(f"{int(code)} {meaning}" for code, meaning in sorted(exits.items()))
    return f"Exit codes: {listed}."
