"""How much review do Contoso's models need before release?"""

from accelerator.guidance.model_review import review_plan, risk_tier


def main() -> None:
    """Classify two Contoso models and print the checks and approvers of each."""
    # --8<-- [start:contoso-review]
    churn = risk_tier(affects_individuals=True, automated=False, regulated=False)
    pricing = risk_tier(affects_individuals=True, automated=True, regulated=True)
    for name, tier in (("Motor churn", churn), ("Motor pricing", pricing)):
        plan = review_plan(tier)
        approvers = " + ".join(r.name for r in plan.approvers)
        print(f"{name}: {tier} risk, {len(plan.checks)} checks, approved by {approvers}")
    # --8<-- [end:contoso-review]


if __name__ == "__main__":
    main()
