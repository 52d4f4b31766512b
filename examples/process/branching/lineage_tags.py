"""Tag a registered model version with the code and data versions that produced it."""

from accelerator.guidance.version_flow import lineage_tags


def main() -> None:
    """Build lineage tags for a model trained from main, and reject a bad commit id."""
    # --8<-- [start:tag-model]
    tags = lineage_tags(
        commit="3f9c2ab",
        data_asset="motor-policies",
        data_version=14,
        training_run="motor-churn-train-0412",
    )
    for name, value in tags.items():
        print(f"{name} = {value}")
    # --8<-- [end:tag-model]
    # --8<-- [start:reject]
    try:
        lineage_tags("my-laptop", "motor-policies", 14, "run-1")
    except ValueError as error:
        print("rejected:", error)
    # --8<-- [end:reject]


if __name__ == "__main__":
    main()
