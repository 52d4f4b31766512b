"""Which operating model fits Contoso Insurance, and what would change the answer?"""

from accelerator.guidance.operating_models import recommend_operating_model
from accelerator.guidance.organisation import contoso


def main() -> None:
    """Print the recommendation for Contoso, then for a what-if variant of it."""
    # --8<-- [start:recommend]
    org = contoso()
    choice = recommend_operating_model(org)
    print(f"{org.name}: {choice.model.name} — {choice.reason}")
    print(f"Platform run by: {choice.model.platform_owned_by}")
    print(f"Models built by: {choice.model.models_built_by}")
    # --8<-- [end:recommend]
    # --8<-- [start:what-if]
    # What if Contoso had no central cloud team and each unit had 8+ data scientists?
    units = tuple(unit.model_copy(update={"data_scientists": 9}) for unit in org.business_units)
    bigger = org.model_copy(update={"central_platform_team": False, "business_units": units})
    print(f"What-if: {recommend_operating_model(bigger).model.name}")
    # --8<-- [end:what-if]


if __name__ == "__main__":
    main()
