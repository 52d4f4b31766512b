"""What ``train`` checks before any step runs: the contract file and the configured estimator."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reference_impl.config import EnvironmentConfig


# --8<-- [start:training-problem]
def training_problem(config: EnvironmentConfig) -> str | None:
    """Why this configuration cannot train, in one sentence naming the key, or ``None``.

    Checks that ``data.contract`` reads as a contract of a task the pipeline trains, and
    that ``model.estimator`` imports as an estimator for that task that accepts the names
    in ``model.params`` (their values are checked by the estimator when it is fitted).

    Args:
        config: The environment's configuration, with ``--set`` applied.

    Returns:
        The problem, or ``None`` when training can start.
    """
    from reference_impl.contract import ContractError, check_trainable, load_contract
    from reference_impl.modeling.estimator import EstimatorError, make_estimator

    source = f"data.contract {config.data.contract}"
    try:
        contract = check_trainable(load_contract(config.data.contract), source)
        make_estimator(
            config.model.estimator,
            config.model.params,
            seed=config.training.seed,
            task=contract.task,
        )
    except (ContractError, EstimatorError) as exc:
        return str(exc)
    return None
    # --8<-- [end:training-problem]
