"""Contoso Insurance's staffing plan: keep, upskill or recruit each MLOps role."""

from accelerator.guidance.organisation import contoso
from accelerator.guidance.skilling import staffing_plan


def main() -> None:
    """Print one decision per role for the jobs Contoso employs today."""
    # --8<-- [start:staffing-plan]
    for decision in staffing_plan(contoso().existing_jobs):
        source = f" from {decision.from_job}" if decision.from_job else ""
        print(f"{decision.role.name:<20} {decision.action}{source}")
    # --8<-- [end:staffing-plan]


if __name__ == "__main__":
    main()
