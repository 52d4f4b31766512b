"""Who does what for Contoso Motor: Databricks or Azure ML?"""

from accelerator.guidance.data_platform import PlatformFacts, recommend_split


def main() -> None:
    """Print the split the decision rules choose for Contoso Motor."""
    # --8<-- [start:contoso-split]
    motor = PlatformFacts(
        spark_platform=True,  # Databricks runs the data platform
        spark_skills=True,
        unity_catalog=True,
        data_volume="large",
        online_serving=True,  # quotes are priced at request time
        regulatory_lineage=True,
    )
    split = recommend_split(motor)
    print(split.pattern.name)
    print("because", split.because)
    print("Databricks:", split.pattern.data_platform)
    print("Azure ML:", split.pattern.azure_ml)
    # --8<-- [end:contoso-split]


if __name__ == "__main__":
    main()
