"""Say what pydantic found wrong with a configuration, one ``key.path: reason`` per problem."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from reference_impl.config.patterns import WORDS

if TYPE_CHECKING:
    from pydantic import ValidationError


def reason(err: Mapping[str, Any]) -> str:
    """One error's reason, without the ``Value error, `` pydantic puts before a validator's own.

    Args:
        err: One of ``ValidationError.errors()``.

    Returns:
        The sentence the validator raised; for a value that does not match its field's
        pattern, what the value should be (:data:`~reference_impl.config.patterns.WORDS`),
        without quoting it (a key or token pasted into the wrong field stays out of logs);
        otherwise pydantic's own sentence for a type or range.
    """
    if err["type"] == "string_pattern_mismatch":
        words = WORDS.get(err.get("ctx", {}).get("pattern", ""))
        if words is not None:
            return f"expected {words}"
    return str(err["msg"]).removeprefix("Value error, ")


def validation_problems(exc: ValidationError) -> str:
    """Join pydantic's errors into one line, each naming the dotted key it is about.

    Args:
        exc: What ``model_validate`` raised.

    Returns:
        ``"section.key: reason; other.key: reason"``.
    """
    return "; ".join(
        f"{'.'.join(str(part) for part in err['loc'])}: {reason(err)}" for err in exc.errors()
    )
