"""Online scoring entry script: the ``init()`` / ``run()`` contract of azmlinfsrv.

The same file serves locally (``python -m reference_impl serve`` starts ``azmlinfsrv`` with it)
and in an Azure ML managed online deployment. ``init()`` loads the model found under
``AZUREML_MODEL_DIR``; ``run()`` receives the raw request body. A malformed request is
answered with ``AMLResponse(message, 400)`` (``413`` when too large): an exception escaping
``run()`` would become a 500 and hide the client's mistake.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

_PROJECT_ROOT = str(Path(__file__).resolve().parents[2])
if _PROJECT_ROOT not in sys.path:  # the server loads this file by path, not as a package module
    sys.path.insert(0, _PROJECT_ROOT)

from azureml_inference_server_http.api.aml_response import AMLResponse  # noqa: E402

from reference_impl.config.project import load_project  # noqa: E402
from reference_impl.modeling.packaging import LoadedModel, load_model_dir  # noqa: E402
from reference_impl.scoring.request import RequestError, parse_request  # noqa: E402

_model: LoadedModel | None = None
OUTPUTS = load_project().outputs


def init() -> None:
    """Load the model once per worker process, from ``AZUREML_MODEL_DIR``."""
    global _model
    _model = load_model_dir(Path(os.environ["AZUREML_MODEL_DIR"]))


# --8<-- [start:run]
def run(raw_data: str) -> dict[str, Any] | AMLResponse:
    """Score one request.

    Args:
        raw_data: The request body, ``{"data": [{feature: value, ...}, ...]}``.

    Returns:
        ``{"predictions": [{<probability>: p, <decision>: bool}, ...], "model": {...}}`` with
        the output names of ``config/project.yaml``,
        or an ``AMLResponse`` with status 400/413 and ``{"error": message}``.
    """
    assert _model is not None, "init() was not called"
    try:
        frame = parse_request(raw_data, _model.contract)
    except RequestError as exc:
        return AMLResponse({"error": str(exc)}, exc.status, json_str=True)
    probability = _model.probability(frame)
    return {
        "predictions": [
            {OUTPUTS.probability: round(float(p), 6), OUTPUTS.decision: bool(p >= _model.threshold)}
            for p in probability
        ],
        "model": {"name": _model.name, "version": _model.version, "threshold": _model.threshold},
    }
    # --8<-- [end:run]
