"""Production data: collect each request's model inputs and outputs with the Azure ML collector.

``score.py`` calls :meth:`ProductionData.record` after it has answered. The records go
through ``azureml-ai-monitoring``'s ``Collector`` — the library the managed online deployment's
data collector expects — to the collections ``model_inputs`` and ``model_outputs``, with one
correlation id per request (the caller's ``x-request-id`` when it sends one), so an output
can be joined to the input it answers.

Where the records land is decided by the environment of the serving process, not here:

- a managed online deployment with ``data_collector`` enabled sets ``AZUREML_MDC_CONFIG_PATH``;
  the records go to the workspace's blob storage, where the model monitor reads them;
- ``python -m reference_impl serve`` sets ``AZUREML_MDC_ENABLED``, ``AZUREML_MDC_HOST`` and
  ``AZUREML_MDC_PORT`` to a local receiver (:mod:`reference_impl.scoring.collect_sink`) that
  writes the same records under ``DIR/collected/``;
- with neither, nothing is collected and nothing is imported.

Collection never fails a request: every error is logged and swallowed.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from typing import Any

INPUTS = "model_inputs"
OUTPUTS = "model_outputs"
REQUEST_ID_HEADER = "x-request-id"
_ENABLING = ("AZUREML_MDC_CONFIG_PATH", "AZUREML_MDC_ENABLED")
_log = logging.getLogger(__name__)


def collection_enabled(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the serving process was told where to send collected data.

    Args:
        environ: Environment variables (default: the process's).

    Returns:
        ``True`` when ``AZUREML_MDC_CONFIG_PATH`` is set (Azure ML) or ``AZUREML_MDC_ENABLED``
        is ``true`` (local serving).
    """
    env = os.environ if environ is None else environ
    return bool(env.get(_ENABLING[0])) or env.get(_ENABLING[1], "").lower() == "true"


class ProductionData:
    """The two collectors of a scoring process; a no-op when collection is off.

    Attributes:
        enabled: Whether records are collected.
        failures: Collection errors seen so far (logged, never raised).
    """

    def __init__(self, feature_names: Sequence[str], *, enabled: bool | None = None) -> None:
        """Create the collectors (once per worker process, in ``init()``).

        Args:
            feature_names: Column names of the rows ``record`` receives, in order.
            enabled: Force collection on or off (default: :func:`collection_enabled`).
        """
        self.feature_names = list(feature_names)
        self.enabled = collection_enabled() if enabled is None else enabled
        self.failures = 0
        self._inputs: Any = None
        self._outputs: Any = None
        if self.enabled:
            try:
                from azureml.ai.monitoring import Collector

                self._inputs = Collector(name=INPUTS, on_error=self._failed)
                self._outputs = Collector(name=OUTPUTS, on_error=self._failed)
            except Exception as exc:  # collection must never stop serving
                self._failed(exc)
                self.enabled = False

    def _failed(self, exc: BaseException) -> None:
        self.failures += 1
        _log.warning("production data not collected: %s", exc)

    # --8<-- [start:record]
    def record(
        self,
        rows: Sequence[Sequence[Any]],
        predictions: Sequence[Mapping[str, Any]],
        request_id: str | None = None,
    ) -> str | None:
        """Collect one request's inputs and outputs under one correlation id.

        Args:
            rows: The request's rows, values in ``feature_names`` order.
            predictions: The answer's predictions, one per row.
            request_id: The caller's ``x-request-id``, if any.

        Returns:
            The correlation id, or ``None`` when nothing was collected.
        """
        if not self.enabled:
            return None
        try:
            import pandas as pd
            from azureml.ai.monitoring.context import BasicCorrelationContext

            context = BasicCorrelationContext(id=request_id) if request_id else None
            context = self._inputs.collect(
                pd.DataFrame(list(rows), columns=self.feature_names), context
            )
            self._outputs.collect(pd.DataFrame(list(predictions)), context)
            return context.get_id()
        except Exception as exc:  # a collection error never fails a request
            self._failed(exc)
            return None
        # --8<-- [end:record]


def request_id_of(request: Any) -> str | None:
    """The caller's ``x-request-id`` header of an ``AMLRequest`` (``None`` for a body string).

    Args:
        request: What ``run()`` received.

    Returns:
        The header value, if any.
    """
    headers = getattr(request, "headers", None)
    if headers is None:
        return None
    value = headers.get(REQUEST_ID_HEADER)
    return str(value)[:128] if value else None
