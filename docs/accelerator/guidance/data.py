"""Read the YAML data files that ship with :mod:`accelerator.guidance`."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter

DATA_DIR = Path(__file__).resolve().parent / "data"

T = TypeVar("T")

# libyaml's loader when PyYAML was built with it (the same documents, several times faster).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Parsed files by path, with the (mtime, size) they were read at: a site build renders many
# tables from the same file, and a changed file (under ``mkdocs serve``) is read again.
_PARSED: dict[Path, tuple[tuple[int, int], Any]] = {}


def _parsed(path: Path) -> Any:
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _PARSED.get(path)
    if cached is None or cached[0] != stamp:
        cached = (stamp, yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER))
        _PARSED[path] = cached
    return cached[1]


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
    raw = _parsed(DATA_DIR / f"{name}.yaml")  # validation builds new objects: raw stays intact
    if isinstance(shape, type) and issubclass(shape, BaseModel):
        return shape.model_validate(raw)
    return TypeAdapter(shape).validate_python(raw)
