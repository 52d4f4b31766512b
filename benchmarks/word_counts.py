"""How much guidance does the built site hold? Words of own prose per page, per part and in total.

Run: ``.venv/bin/python benchmarks/word_counts.py [--site-dir DIR]``. Without ``--site-dir`` it
builds the site strictly into a temporary folder first. Words are counted in the rendered main
content with code, diagrams and page chrome removed (``tests/docs/word_counts.py``). Prints each
page against the 600-word floor of a guidance page, each part, and the total without the API
reference against its 35,000-word floor, with the ratio figure / floor.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.docs.word_counts import (  # noqa: E402
    GUIDANCE_FLOOR,
    TOTAL_FLOOR,
    page_words,
    total_without_api,
)


def build(site_dir: Path) -> None:
    """Build the site strictly into ``site_dir``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site_dir)]
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)


def report(site_dir: Path) -> None:
    """Print the figures for a built site."""
    counts = page_words(site_dir)
    parts: dict[str, int] = defaultdict(int)
    for c in counts:
        part = c.source.split("/")[0] if "/" in c.source else "(home)"
        parts[part] += c.words
        mark = ("ok " if c.words >= GUIDANCE_FLOOR else "LOW") if c.guidance else "   "
        print(f"{mark} {c.words:6d}  {c.source}")
    print()
    for part, words in parts.items():
        print(f"part {part:28s} {words:6d}")
    guidance = [c for c in counts if c.guidance]
    low = sum(1 for c in guidance if c.words < GUIDANCE_FLOOR)
    total = total_without_api(counts)
    print(f"\nguidance pages: {len(guidance)}, below {GUIDANCE_FLOOR}: {low}")
    print(f"total without the API reference: {total}; floor {TOTAL_FLOOR}")
    print(f"ratio total / floor: {total / TOTAL_FLOOR:.2f}")


def main() -> None:
    """Parse arguments, build if needed and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, help="a site built beforehand")
    args = parser.parse_args()
    if args.site_dir:
        report(args.site_dir)
        return
    with tempfile.TemporaryDirectory() as folder:
        build(Path(folder) / "site")
        report(Path(folder) / "site")


if __name__ == "__main__":
    main()
