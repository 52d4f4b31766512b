"""Meet Contoso Insurance, the organisation every chapter's worked example follows."""

from accelerator.guidance.organisation import contoso


def main() -> None:
    """Print the facts about Contoso that the decisions in this site depend on."""
    # --8<-- [start:contoso-facts]
    org = contoso()
    print(org.name, "-", org.summary)
    for unit in org.business_units:
        print(f"  {unit.name:<6} {unit.data_scientists} data scientists, data in {unit.region}")
    print("Regulated:", org.regulated, "| own prod subscription:", org.separate_prod_subscription)
    # --8<-- [end:contoso-facts]


if __name__ == "__main__":
    main()
