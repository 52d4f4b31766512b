"""Which steps retire a model at a regulated organisation and at an unregulated one?"""

from accelerator.guidance.retirement import retirement_steps


def main() -> None:
    """Print Contoso's retirement steps and the difference for an unregulated team."""
    # --8<-- [start:retirement-steps]
    regulated = retirement_steps(regulated=True)
    for number, step in enumerate(regulated, start=1):
        print(f"{number}. [{step.owner}] {step.id}")
    plain = {step.id for step in retirement_steps(regulated=False)}
    print("Only when regulated:", ", ".join(s.id for s in regulated if s.id not in plain))
    # --8<-- [end:retirement-steps]


if __name__ == "__main__":
    main()
