"""Is Contoso Motor's churn model ready for production, and what is left on each side?"""

from accelerator.guidance.readiness import outstanding, ready_for_production


def main() -> None:
    """Check the checklist in week 9 of the plan: data science done, platform not yet."""
    # --8<-- [start:contoso-handover]
    done = [
        "reproducible-training",
        "tests-green",
        "quality-gate",
        "model-card",
        "responsible-ai-signed",
        "scoring-contract",
        "latency-budget",
        "monitoring-thresholds",
        "environments-provisioned",
    ]
    print("Ready for production:", ready_for_production(done))
    print("Data science side left:", len(outstanding(done, side="data-science")))
    for item in outstanding(done, side="platform"):
        print(f"Platform: {item.check}")
    # --8<-- [end:contoso-handover]


if __name__ == "__main__":
    main()
