"""The example file that goes with a new chapter: copy, rename, replace the body."""

from accelerator.guidance.maturity_levels import maturity_levels


def main() -> None:
    """Compute one thing the chapter claims and print it."""
    # --8<-- [start:claim]
    names = [level.name for level in maturity_levels()]
    print(f"{len(names)} levels, from {names[0]!r} to {names[-1]!r}")
    # --8<-- [end:claim]


if __name__ == "__main__":
    main()
