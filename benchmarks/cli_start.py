"""How long does the command line take to print its help, next to Python printing any help?

Run: ``python3 .ci/dev.py run python benchmarks/cli_start.py [--runs N]``. Each round starts a
new process for ``python -m reference_impl --help`` and for every sub-command's ``--help``,
interleaved with the floor: a new Python process that builds an ``argparse`` parser and prints
its help. The figure is the slowest command; the goal is at most 0.5 s for every one.
"""

from __future__ import annotations

import argparse
import sys

from _timing import Sample, interleave, report, timed_process

FLOOR = [
    sys.executable,
    "-c",
    "import argparse; p = argparse.ArgumentParser(prog='x'); "
    "p.add_subparsers().add_parser('y'); p.print_help()",
]


def commands() -> list[list[str]]:
    """The top-level ``--help`` and each sub-command's ``--help``, as commands to run."""
    from reference_impl.cli import COMMAND_MODULES

    base = [sys.executable, "-m", "reference_impl"]
    names = [name.replace("_", "-") for name in COMMAND_MODULES]
    return [[*base, "--help"]] + [[*base, name, "--help"] for name in names]


def main(argv: list[str] | None = None) -> None:
    """Time every help command against the floor and print the slowest one's ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    timed_process(FLOOR)  # warm the file cache once
    worst: tuple[Sample, Sample] | None = None
    for cmd in commands():
        label = " ".join(cmd[2:])
        figure, floor = interleave(
            args.runs,
            lambda cmd=cmd: timed_process(cmd),
            lambda: timed_process(FLOOR),
            (label, "python argparse help"),
        )
        print(f"{label:<40} min {figure.min:.3f} s  median {figure.median:.3f} s")
        if worst is None or figure.median / floor.median > worst[0].median / worst[1].median:
            worst = (figure, floor)
    assert worst is not None
    print(f"slowest relative to its floor: {worst[0].label}")
    report("cli start (slowest --help)", *worst)
    print(f"absolute goal: every --help <= 0.5 s; slowest min {worst[0].min:.3f} s")


if __name__ == "__main__":
    main()
