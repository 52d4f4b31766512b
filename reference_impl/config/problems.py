"""Say what pydantic found wrong with a configuration, one ``key.path: reason`` per problem."""

from __future__ import annotations

from pydantic import ValidationError


def validation_problems(exc: ValidationError) -> str:
    """Join pydantic's errors into one line, each naming the dotted key it is about.

    Args:
        exc: What ``model_validate`` raised.

    Returns:
        ``"section.key: reason; other.key: reason"``.
    """
    return "; ".join(
        f"{'.'.join(str(part) for part in err['loc'])}: {err['msg']}" for err in exc.errors()
    )
