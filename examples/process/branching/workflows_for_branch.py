"""What does a push or a pull request start, branch by branch?"""

from accelerator.guidance.branching import workflows_for


def main() -> None:
    """Print the automation started by typical Git events."""
    # --8<-- [start:events]
    events = [
        ("push", "feature/add-income-band"),
        ("pull_request", "main"),
        ("push", "main"),
    ]
    for event, branch in events:
        started = workflows_for(event, branch) or ("nothing",)
        print(f"{event:<12} {branch:<24} -> {', '.join(started)}")
    # --8<-- [end:events]


if __name__ == "__main__":
    main()
