"""Whether the gate can judge a challenger against the champion, and on which rows.

The two models must answer the same question (task, label and, for several classes, the same
classes). The gate scores the champion on today's holdout, which needs every column the
champion reads; the challenger is also scored on the champion's reference holdout, the rows
the champion was approved on, which needs every column the challenger reads.

* A champion trained on another table, such as the sample a new project registers under the
  team's model name on its first run, answers another question: the gate stops with one
  sentence instead of failing halfway through scoring.
* A challenger with a feature fewer leaves today's rows without a column the champion reads:
  both models are then compared on the reference holdout, which holds every column of both.
* A challenger with a new feature cannot be scored on the reference holdout: that check is not
  applied and says why, while today's holdout and the champion's fall still judge it.
* Both at once (a feature swapped for another), and no rows hold what each model reads: stop.
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
NO_COMMON_ROWS = (
    "nothing was registered; change the features in two runs (add, then drop) or give the "
    "model a name of its own (registry.model_name)"
)
"""How the sentence about rows holding neither model's columns ends."""


def _question(contract: DataContract) -> str:
    """The label and task of ``contract``, with its classes when it has several."""
    classes = f": {', '.join(contract.classes)}" if contract.task == "multiclass" else ""
    return f"{contract.label!r} ({contract.task}{classes})"


def _same_question(one: DataContract, other: DataContract) -> bool:
    """Same label and task, and the same classes in any order (their order is only layout)."""
    return (one.label, one.task, sorted(one.classes)) == (
        other.label,
        other.task,
        sorted(other.classes),
    )


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
    version: str,
    champion: DataContract,
    challenger: DataContract | None,
    holdout: Iterable[str],
    reference: Iterable[str] | None,
) -> str | None:
    """Say why the champion cannot be compared with the challenger, or return ``None``.

    Args:
        version: The champion's registry version, for the sentence.
        champion: The contract the champion was trained with.
        challenger: The challenger's contract, or ``None`` when the gate was not given the
            challenger's model (only today's holdout is checked then).
        holdout: Columns of today's holdout, on which the champion is scored.
        reference: Columns of the champion's reference holdout, ``None`` if it has none.

    Returns:
        One sentence naming the champion, what differs and the way on; ``None`` when the two
        can be compared on today's holdout or, failing that, on the reference holdout
        (:func:`judged_on_reference`).
    """
    if challenger is not None and not _same_question(challenger, champion):
        return (
            f"the champion (version {version}) predicts {_question(champion)} and this model "
            f"{_question(challenger)}, so the gate cannot compare them: {OTHER_TABLE}"
        )
    lacking = _lacking(champion, holdout)
    if not lacking or judged_on_reference(champion, challenger, holdout, reference):
        return None
    return (
        f"the champion (version {version}) reads column(s) {_listed(lacking)} that this run's "
        f"holdout lacks, and no other rows hold what both models read, so the gate cannot "
        f"compare them: {NO_COMMON_ROWS}"
    )
    # --8<-- [end:comparison]


def judged_on_reference(
    champion: DataContract,
    challenger: DataContract | None,
    holdout: Iterable[str],
    reference: Iterable[str] | None,
) -> bool:
    """Whether the two models are compared on the reference holdout instead of today's.

    Args:
        champion: The champion's contract.
        challenger: The challenger's contract (``None``: never).
        holdout: Columns of today's holdout.
        reference: Columns of the champion's reference holdout (``None``: never).

    Returns:
        ``True`` when today's rows lack a column the champion reads and the reference rows
        hold every column the challenger reads (they hold the champion's by origin).
    """
    if challenger is None or reference is None or not _lacking(champion, holdout):
        return False
    return not _lacking(challenger, reference)


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
