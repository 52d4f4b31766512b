"""Say what pydantic found wrong with a configuration, one ``key.path: reason`` per problem."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import ValidationError


def reason(err: Mapping[str, Any]) -> str:
    """One error's reason, without the ``Value error, `` pydantic puts before a validator's own.

    Args:
        err: One of ``ValidationError.errors()``.

    Returns:
        The sentence the validator raised, or pydantic's own for a type or range.
    """
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
