"""How far is the site's strict build from its floor: Material with the same Markdown extensions?

Run: ``python3 .ci/dev.py run python benchmarks/site_build.py [--runs N]``. Each round runs, in
new processes and alternating their order, the real strict build and its floor: the same
``mkdocs.yml`` (same pages, nav, Material theme and overrides, the same Markdown extensions
including snippets) with no hooks and no plugins. Prints min/median of each and the ratio; the
goal is at most 1.5x. A bare MkDocs build (built-in theme, no extensions) is printed for scale.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _timing import ROOT, Sample, interleave, report, timed_process

GOAL = 1.5


def floor_config(folder: Path, root: Path = ROOT) -> Path:
    """Write the floor's config: ``mkdocs.yml`` of ``root`` inherited, hooks and plugins removed."""
    config = folder / "mkdocs-floor.yml"
    config.write_text(
        f"INHERIT: {root / 'mkdocs.yml'}\n"
        f"docs_dir: {root / 'docs'}\n"
        f"theme: {{name: material, custom_dir: {root / 'docs' / 'overrides'}}}\n"
        "hooks: []\n"
        "plugins: []\n"
        "watch: []\n"
        "strict: false\n",
        encoding="utf-8",
    )
    return config


def bare_config(folder: Path) -> Path:
    """Write a bare MkDocs config over the same ``docs/`` folder (built-in theme, nothing else)."""
    config = folder / "mkdocs-bare.yml"
    config.write_text(
        "site_name: bare\n"
        f"docs_dir: {ROOT / 'docs'}\n"
        "theme: {name: mkdocs}\n"
        "plugins: []\n"
        "exclude_docs: |\n  hooks/\n  accelerator/\n  overrides/\n",
        encoding="utf-8",
    )
    return config


def build(config: Path, site_dir: Path, *, strict: bool) -> float:
    """One ``mkdocs build`` in a new process; returns its wall time."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)]
    return timed_process([*cmd, "--strict"] if strict else cmd)


def main(argv: list[str] | None = None) -> None:
    """Time the strict build and its floor alternately and print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        full_config, floor, bare = ROOT / "mkdocs.yml", floor_config(folder), bare_config(folder)
        build(full_config, folder / "warm", strict=True)  # warm file and plugin caches once
        build(floor, folder / "warm-floor", strict=False)
        figure, floor_sample = interleave(
            args.runs,
            lambda: build(full_config, folder / "full", strict=True),
            lambda: build(floor, folder / "floor", strict=False),
            ("strict build (hooks, plugins)", "floor (Material + extensions)"),
        )
        bare_sample = Sample(
            "bare MkDocs", tuple(build(bare, folder / "bare", strict=False) for _ in range(2))
        )
    pages = len(list((ROOT / "docs").rglob("*.md"))) + len(list((ROOT / "docs").rglob("*.ipynb")))
    print(f"pages: {pages}; runs: {args.runs} each, interleaved")
    print(f"(for scale) {bare_sample.label}: min {bare_sample.min:.3f} s")
    report("site build (strict)", figure, floor_sample, GOAL)


if __name__ == "__main__":
    main()
