"""Whether the gate can judge a challenger against the champion at all.

The gate scores the champion on today's holdout, so the two models must answer the same
question (task, label and, for several classes, the same classes) and today's rows must hold
every column the champion reads. A champion trained on another table, such as the sample a new
project registers under the team's model name on its first run, meets neither: the gate stops
with one sentence instead of failing halfway through scoring.

The challenger is also scored on the champion's reference holdout, the rows the champion was
approved on. A challenger that reads a column added since cannot be: that check is then not
applied and says why, while the others (today's holdout, the champion's fall) still judge it.
"""

from __future__ import annotations

from collections.abc import Iterable

from reference_impl.contract import DataContract
from reference_impl.validation.display import MAX_NAMES

OTHER_TABLE = (
    "nothing was registered; a model of another table or question needs a name of its own "
    "(registry.model_name)"
)
"""How the sentence about another question ends: what happened to the registry, the way on."""
DROPPED = (
    "nothing was registered; a model of another table, or without a column the champion "
    "reads, needs a name of its own (registry.model_name)"
)
"""How the sentence about columns today's rows lack ends."""


def _question(contract: DataContract) -> str:
    """The label and task of ``contract``, with its classes when it has several."""
    classes = f": {', '.join(contract.classes)}" if contract.task == "multiclass" else ""
    return f"{contract.label!r} ({contract.task}{classes})"


def _listed(names: list[str]) -> str:
    """Up to :data:`MAX_NAMES` quoted names in their order, the rest counted."""
    shown = ", ".join(repr(name) for name in names[:MAX_NAMES])
    return shown + (f" and {len(names) - MAX_NAMES} more" if len(names) > MAX_NAMES else "")


def _lacking(contract: DataContract, columns: Iterable[str]) -> list[str]:
    """The label and features of ``contract`` that ``columns`` lacks, in contract order."""
    present = set(columns)
    return [name for name in (contract.label, *contract.feature_names) if name not in present]


# --8<-- [start:comparison]
def comparison_problem(
    version: str, champion: DataContract, challenger: DataContract | None, holdout: Iterable[str]
) -> str | None:
    """Say why the champion cannot be compared with the challenger, or return ``None``.

    Args:
        version: The champion's registry version, for the sentence.
        champion: The contract the champion was trained with.
        challenger: The challenger's contract, or ``None`` when the gate was not given the
            challenger's model (only today's holdout is checked then).
        holdout: Columns of today's holdout, on which the champion is scored.

    Returns:
        One sentence naming the champion, what differs and the way on, or ``None``.
    """
    if challenger is not None and _question(challenger) != _question(champion):
        return (
            f"the champion (version {version}) predicts {_question(champion)} and this model "
            f"{_question(challenger)}, so the gate cannot compare them: {OTHER_TABLE}"
        )
    if lacking := _lacking(champion, holdout):
        return (
            f"the champion (version {version}) reads column(s) {_listed(lacking)} that this "
            f"run's holdout lacks, so the gate cannot score it on the same rows: {DROPPED}"
        )
    return None
    # --8<-- [end:comparison]


def unread_reference(challenger: DataContract, reference: Iterable[str]) -> str | None:
    """Why the challenger cannot be scored on the champion's reference holdout, or ``None``.

    Args:
        challenger: The challenger's contract.
        reference: Columns of the champion's reference holdout.

    Returns:
        The reference check's detail (``not applied: ...``, naming the columns it lacks), or
        ``None`` when the rows hold every column the challenger reads.
    """
    if lacking := _lacking(challenger, reference):
        return (
            f"not applied: the rows the champion was approved on lack column(s) "
            f"{_listed(lacking)} that this model reads"
        )
    return None
