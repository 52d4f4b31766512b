"""Check data files against the data contract before anything learns from or scores them."""

from reference_impl.validation.errors import DataValidationError
from reference_impl.validation.reader import read_table
from reference_impl.validation.schema import validate_frame

__all__ = ["DataValidationError", "read_table", "validate_frame"]
