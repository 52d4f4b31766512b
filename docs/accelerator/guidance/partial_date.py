"""A date as sources publish it: a day (``YYYY-MM-DD``) or only a month (``YYYY-MM``)."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

PARTIAL_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def _checked(value: str) -> str:
    if not PARTIAL_DATE.match(value):
        raise ValueError(f"date {value!r} must be YYYY-MM-DD or YYYY-MM")
    return value


PartialDate = Annotated[str, AfterValidator(_checked)]
