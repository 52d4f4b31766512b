"""Exit codes shared by the steps and the ``python -m reference_impl`` commands."""

from enum import IntEnum


# --8<-- [start:exit-codes]
class ExitCode(IntEnum):
    """What a non-zero exit means, so scripts and CI can branch on it."""

    OK = 0  # done (for train: whatever the gate decided)
    USAGE = 2  # bad arguments or configuration, or a target that is not implemented
    RETRAIN_RECOMMENDED = 3  # monitor: drift found
    BAD_DATA = 4  # a data file breaks the contract; nothing was trained or registered
    NO_CHAMPION = 5  # serve, batch-score, monitor: no model holds the champion alias
    GATE_REFUSED = 6  # promote, deploy: the gate rejected the version, or it lacks evidence
    BUSY = 7  # train: another run on the same workdir held its lock too long; run again later
    STORE_DAMAGED = 8  # the workdir's MLflow store is empty, damaged or half-created
    INTERRUPTED = 130  # stopped with Ctrl-C; the process ends by SIGINT, which shells show as 130
    # --8<-- [end:exit-codes]
