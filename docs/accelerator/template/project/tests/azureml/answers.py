"""What the stand-in's scoring URI answers: a well-formed prediction per row."""

from __future__ import annotations

from typing import Any

from tests.identity import DECISION, PROB


def good_answer(body: Any) -> dict[str, Any]:
    """The answer of a healthy deployment to a scoring request.

    Args:
        body: The request (``{"data": [...]}``).

    Returns:
        One prediction per row.
    """
    return {"predictions": [{PROB: 0.25, DECISION: False} for _ in body["data"]], "model": {}}
