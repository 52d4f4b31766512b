"""How a message names the place of a bad cell: a CSV line, or a row of columnar data.

A CSV file has lines, and the first row of data is line 2 (after the header), which is what
an editor shows. Parquet data and a Delta table have no lines; their cells are named by row,
counted from 1 in the order the rows were read (a Delta table file by file).
:func:`~reference_impl.validation.formats.read_columnar` marks the rows it returns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

COLUMNAR = "columnar"
"""Key of ``DataFrame.attrs`` set on rows read from Parquet or Delta."""


@dataclass(frozen=True)
class Positions:
    """The word for a place in the data and the number of the first row of data.

    Attributes:
        word: ``line`` or ``row``.
        first: The number the first row of data gets (2 for a CSV line, 1 for a row).
    """

    word: str
    first: int

    def one(self, index: int) -> str:
        """``line 7``: the place of the row at 0-based ``index``."""
        return f"{self.word} {int(index) + self.first}"

    def many(self, indexes: Iterable[int], more: bool) -> str:
        """``line(s) 2, 3, 4, ...``: the places of several rows, ``...`` when ``more``."""
        numbers = ", ".join(str(int(index) + self.first) for index in indexes)
        return f"{self.word}(s) {numbers}" + (", ..." if more else "")


LINES = Positions("line", 2)
ROWS = Positions("row", 1)


def positions_of(frame: pd.DataFrame) -> Positions:
    """How the cells of ``frame`` are placed: rows for columnar data, else CSV lines."""
    return ROWS if frame.attrs.get(COLUMNAR) else LINES
