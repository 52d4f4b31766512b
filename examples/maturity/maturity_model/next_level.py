"""Where next? The level a team at level 1 should aim for."""

from accelerator.guidance.maturity_levels import maturity_levels, next_level


def main() -> None:
    """Print the ladder and the next step from level 1."""
    # --8<-- [start:ladder]
    for level in maturity_levels():
        print(f"Level {level.level}: {level.name}")
    target = next_level(1)
    print(f"Next for a level-1 team: {target.name} — {target.test}")
    # --8<-- [end:ladder]


if __name__ == "__main__":
    main()
