"""Online scoring entry script: the ``init()`` / ``run()`` contract of azmlinfsrv.

The same file serves locally (``python -m reference_impl serve`` starts ``azmlinfsrv`` with it)
and in an Azure ML managed online deployment. ``init()`` loads the model found under
``AZUREML_MODEL_DIR``; ``run()`` receives the HTTP request (``@rawhttp``), so it can refuse a
body over the size limit from its ``Content-Length`` before reading it; called in-process it
also accepts the body text. A malformed request is answered with ``AMLResponse`` and
``{"message": ...}`` — the key the server itself uses for its own errors — with status 400,
405 or 413: an exception escaping ``run()`` would become a 500 and hide the client's mistake.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

_PROJECT_ROOT = str(Path(__file__).resolve().parents[2])
if _PROJECT_ROOT not in sys.path:  # the server loads this file by path, not as a package module
    sys.path.insert(0, _PROJECT_ROOT)

from azureml_inference_server_http.api.aml_request import AMLRequest, rawhttp  # noqa: E402
from azureml_inference_server_http.api.aml_response import AMLResponse  # noqa: E402

from reference_impl.config.project import load_project  # noqa: E402
from reference_impl.modeling.packaging import LoadedModel, load_model_dir  # noqa: E402
from reference_impl.scoring.collect import ProductionData, request_id_of  # noqa: E402
from reference_impl.scoring.outputs import (  # noqa: E402
    prediction_columns,
    prediction_records,
)
from reference_impl.scoring.request import (  # noqa: E402
    RequestError,
    RequestParser,
    read_body,
)

_model: LoadedModel | None = None
_collect: ProductionData | None = None
_parser: RequestParser | None = None
OUTPUTS = load_project().outputs


def init() -> None:
    """Load the model once per worker process, from ``AZUREML_MODEL_DIR``."""
    global _collect, _model, _parser
    _model = load_model_dir(Path(os.environ["AZUREML_MODEL_DIR"]))
    _parser = RequestParser(_model.contract)  # the request checks, compiled once
    _collect = ProductionData(_model.contract.feature_names)  # model inputs and outputs


# --8<-- [start:run]
@rawhttp
def run(request: AMLRequest | str | bytes) -> dict[str, Any] | AMLResponse:
    """Score one request.

    Args:
        request: The HTTP request (the server passes it), or the body itself (in-process):
            ``{"data": [{feature: value, ...}, ...]}``.

    Returns:
        ``{"predictions": [{<probability>: p, <decision>: bool}, ...], "model": {...}}`` with
        the output names of ``config/project.yaml`` (per task: see
        :func:`~reference_impl.scoring.outputs.prediction_columns`),
        or an ``AMLResponse`` with status 400/405/413 and ``{"message": ...}``.
    """
    assert _model is not None and _parser is not None, "init() was not called"
    try:
        body = request if isinstance(request, str | bytes) else read_body(request)
        rows = _parser.rows(body)
    except RequestError as exc:
        return AMLResponse({"message": str(exc)}, exc.status, json_str=True)
    scores = _model.scores_of_rows(rows)
    model: dict[str, Any] = {"name": _model.name, "version": _model.version}
    if _model.contract.task == "binary":  # only a binary decision uses the threshold
        model["threshold"] = _model.threshold
    answer = {
        "predictions": prediction_records(prediction_columns(_model, scores, OUTPUTS)),
        "model": model,
    }
    _collect.record(rows, answer["predictions"], request_id_of(request))  # never raises
    return answer
    # --8<-- [end:run]
