"""The one exception every data check raises."""

from __future__ import annotations

from collections.abc import Sequence


class DataValidationError(ValueError):
    """A data file breaks the contract; ``problems`` names each column and what is wrong.

    Args:
        source: The file (or other source) that was checked.
        problems: One human-readable sentence per problem.
    """

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.source = source
        self.problems = list(problems)
        listing = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"{source}: {len(self.problems)} problem(s)\n{listing}")
