"""How much do the site's plugins and extensions cost? Full strict build vs a bare MkDocs build.

Run: ``.venv/bin/python benchmarks/site_build.py [--runs N]`` (or ``python3 .ci/dev.py run python
benchmarks/site_build.py``). Prints the median wall time of each and the ratio full / bare. The bare
build renders the same Markdown with the built-in theme, no plugins and no Markdown extensions: the
floor any MkDocs site pays.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed_build(config: Path, site_dir: Path, strict: bool) -> float:
    """Run one ``mkdocs build`` in a fresh process and return its wall time in seconds."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)]
    if strict:
        cmd.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def bare_config(folder: Path) -> Path:
    """Write a plugin-free MkDocs config over the same ``docs/`` folder."""
    config = folder / "mkdocs-bare.yml"
    config.write_text(
        "site_name: bare\n"
        f"docs_dir: {ROOT / 'docs'}\n"
        "theme: {name: mkdocs}\n"
        "plugins: []\n"
        "exclude_docs: |\n  hooks/\n  overrides/\n"
    )
    return config


def main(argv: list[str] | None = None) -> None:
    """Time both builds ``--runs`` times and print medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bare = bare_config(folder)
        timed_build(ROOT / "mkdocs.yml", folder / "warm", strict=True)  # warm caches once
        full_times = [
            timed_build(ROOT / "mkdocs.yml", folder / "full", True) for _ in range(args.runs)
        ]
        bare_times = [timed_build(bare, folder / "bare", False) for _ in range(args.runs)]
    full, floor = statistics.median(full_times), statistics.median(bare_times)
    pages = len(list((ROOT / "docs").rglob("*.md"))) + len(list((ROOT / "docs").rglob("*.ipynb")))
    print(f"pages: {pages}, runs: {args.runs} each")
    print(f"full strict build (Material, plugins, extensions): median {full:.2f} s")
    print(f"bare MkDocs build (same Markdown, no plugins):     median {floor:.2f} s")
    print(f"ratio full / bare: {full / floor:.1f}x")


if __name__ == "__main__":
    main()
