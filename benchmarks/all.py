"""Run every benchmark and print one Markdown table of their figures, floors and ratios.

Run: ``python3 .ci/dev.py run python benchmarks/all.py [--runs N] [--only NAME ...]
[--out FILE]``. Each script under ``benchmarks/`` (not starting with ``_``) runs in its own
process, one after the other, so they do not compete for the cores. A script's ``result:``
lines (``name | figure | floor | ratio | goal``, see ``benchmarks/_timing.py``) become table
rows; for a script without them, its lines that mention a ratio are listed under the table.
The table goes to stdout, and to ``--out`` when given: results depend on the machine and its
load, so they are printed, not committed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def scripts() -> list[Path]:
    """Every benchmark script, in name order."""
    return sorted(
        path
        for path in HERE.glob("*.py")
        if not path.name.startswith("_") and path.name != "all.py"
    )


def run_one(script: Path, runs: int | None) -> tuple[int, str, float]:
    """Run one script; return its exit code, its output and its wall time."""
    cmd = [sys.executable, str(script)]
    if runs is not None and '"--runs"' in script.read_text(encoding="utf-8"):
        cmd += ["--runs", str(runs)]
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr, time.perf_counter() - started


def table(outputs: dict[str, tuple[int, str, float]]) -> str:
    """The Markdown summary of every script's output."""
    lines = ["| benchmark | figure | floor | ratio | goal |", "|---|---|---|---|---|"]
    notes: list[str] = []
    for name, (code, output, elapsed) in outputs.items():
        rows = [
            line.removeprefix("result:").strip()
            for line in output.splitlines()
            if line.startswith("result:")
        ]
        lines += [f"| {row} |" for row in rows]
        if code:
            notes.append(f"- `{name}` failed (exit {code}): {output.strip().splitlines()[-1:]}")
        elif not rows:
            said = [line.strip() for line in output.splitlines() if "ratio" in line.lower()]
            notes.append(
                f"- `{name}` ({elapsed:.0f} s): " + ("; ".join(said) or "no ratio printed")
            )
    return "\n".join(lines + (["", *notes] if notes else [])) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the chosen benchmarks and print the table; exit 1 if one of them failed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, help="rounds per benchmark (those with --runs)")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="e.g. cli_start site_build")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    chosen = [s for s in scripts() if not args.only or s.stem in args.only]
    outputs = {}
    for script in chosen:
        print(f"running {script.name} ...", file=sys.stderr, flush=True)
        outputs[script.stem] = run_one(script, args.runs)
    summary = table(outputs)
    print(summary, end="")
    if args.out:
        args.out.write_text(summary, encoding="utf-8")
    return 1 if any(code for code, _, _ in outputs.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
