"""What must be delivered by the end of week 6 of the implementation plan?"""

from accelerator.guidance.plan import due_by, plan


def main() -> None:
    """Print the plan's length and the deliverables due by week 6."""
    # --8<-- [start:due-by-week-6]
    print(f"{len(plan())} weeks; due by the end of week 6:")
    for deliverable in due_by(6):
        print(f"- {deliverable.name}  ({deliverable.page})")
    # --8<-- [end:due-by-week-6]


if __name__ == "__main__":
    main()
