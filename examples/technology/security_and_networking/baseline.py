"""Which security controls does a regulated insurer add to the baseline?"""

from accelerator.guidance.security import security_baseline


def main() -> None:
    """Print the controls Contoso adds because it is regulated."""
    # --8<-- [start:regulated-vs-baseline]
    baseline = {c.id for c in security_baseline(regulated=False)}
    regulated = security_baseline(regulated=True)
    print(f"Baseline: {len(baseline)} controls; regulated: {len(regulated)}")
    for control in regulated:
        marker = " " if control.id in baseline else "+"
        print(f"{marker} {control.area:<10} {control.id}")
    # --8<-- [end:regulated-vs-baseline]


if __name__ == "__main__":
    main()
