"""Render guidance data as Markdown, for the site's pages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Build a GitHub-flavoured Markdown table.

    Args:
        headers: Column titles.
        rows: One sequence of cell values per row; values are converted with ``str`` and
            pipe characters are escaped.

    Returns:
        The table as Markdown, one line per row.

    Raises:
        ValueError: If a row has a different number of cells than ``headers``.
    """

    def line(cells: Sequence[object]) -> str:
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

    out = [line(headers), line(["---"] * len(headers))]
    for row in rows:
        if len(row) != len(headers):
            raise ValueError(f"row {row!r} has {len(row)} cells, expected {len(headers)}")
        out.append(line(row))
    return "\n".join(out)
