"""Dates as sources publish them: a day or a month, nothing looser."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from accelerator.guidance.partial_date import PartialDate

DATE = TypeAdapter(PartialDate | None)


@pytest.mark.parametrize("value", ["2027-05-05", "2026-09", None])
def test_a_day_a_month_or_no_date_is_kept(value):
    assert DATE.validate_python(value) == value


@pytest.mark.parametrize("value", ["May 2027", "2027", "05/05/2027", "2027-5-5"])
def test_any_other_form_is_refused_by_name(value):
    with pytest.raises(ValidationError, match=f"date '{value}' must be YYYY-MM-DD or YYYY-MM"):
        DATE.validate_python(value)
