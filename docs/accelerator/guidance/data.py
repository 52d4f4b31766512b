"""Read the YAML data files that ship with :mod:`accelerator.guidance`."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter

DATA_DIR = Path(__file__).resolve().parent / "data"

T = TypeVar("T")


def load_data(name: str, shape: type[T]) -> T:
    """Load ``data/<name>.yaml`` and validate it against ``shape``.

    Args:
        name: File stem under the guidance ``data`` folder, e.g. ``"roles"``.
        shape: A pydantic model or any type pydantic can validate (``list[Role]``).

    Returns:
        The validated data.

    Raises:
        pydantic.ValidationError: If the file breaks the shape.
    """
    raw = yaml.safe_load((DATA_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    if isinstance(shape, type) and issubclass(shape, BaseModel):
        return shape.model_validate(raw)
    return TypeAdapter(shape).validate_python(raw)
