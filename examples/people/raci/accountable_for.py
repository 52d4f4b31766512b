"""Who is accountable for a lifecycle activity, and what does one role own?"""

from accelerator.guidance.raci import accountable_for, activity, duties_of


def main() -> None:
    """Print the accountable role for release activities and a data scientist's duties."""
    # --8<-- [start:who-is-accountable]
    for activity_id in ("approve-release", "deploy-to-production", "respond-to-incident"):
        owner = accountable_for(activity_id)
        print(f"{activity(activity_id).activity}: {owner.name}")
    # --8<-- [end:who-is-accountable]
    # --8<-- [start:duties]
    duties = duties_of("data-scientist")
    print("Data scientist is accountable for:", ", ".join(duties["A"]))
    print("Data scientist does the work in:", len(duties["R"]), "activities")
    # --8<-- [end:duties]


if __name__ == "__main__":
    main()
