"""What ``train`` checks before any step runs: the contract file and the configured estimator."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reference_impl.config import EnvironmentConfig


# --8<-- [start:training-problem]
def training_problem(config: EnvironmentConfig) -> str | None:
    """Why this configuration cannot train, in one sentence naming each key at fault, or ``None``.

    Checks that ``data.contract`` reads as a contract of a task the pipeline trains, that
    ``monitoring.min_drifted_features`` does not exceed its features, that
    ``gate.metric`` is measured for that task, and that ``model.estimator`` imports as an
    estimator for that task that accepts the names in ``model.params`` (scikit-learn's own
    also check the values; others check them when the train step fits) — or, when
    ``model.train_function`` is set, that it imports as a function taking those names.

    Args:
        config: The environment's configuration, with ``--set`` applied.

    Returns:
        The problem, or ``None`` when training can start.
    """
    from reference_impl.contract import ContractError, load_contract
    from reference_impl.modeling.estimator import EstimatorError, make_estimator
    from reference_impl.modeling.task_metrics import TASK_METRICS
    from reference_impl.modeling.train_function import check_train_function

    try:
        contract = load_contract(config.data.contract)
    except ContractError as exc:
        return str(exc)
    problems = []  # all at once: a new task's estimator and metric are changed together
    try:
        if config.model.train_function is not None:  # your own code instead of an estimator
            check_train_function(config.model.train_function, config.model.params)
        else:
            make_estimator(
                config.model.estimator,
                config.model.params,
                seed=config.training.seed,
                task=contract.task,
            )
    except EstimatorError as exc:
        problems.append(str(exc))
    if unreachable := config.monitoring.never_recommends(len(contract.features)):
        problems.append(unreachable)
    measured = TASK_METRICS[contract.task]
    if config.gate.metric not in measured:
        problems.append(
            f"gate.metric {config.gate.metric} is not measured for a {contract.task} task; "
            f"choose one of {', '.join(sorted(measured))} (and gate.direction to match)"
        )
    return "; and ".join(problems) or None
    # --8<-- [end:training-problem]
