"""Which Azure roles does each person and identity get in dev, test and prod?"""

from accelerator.guidance.rbac import ENVIRONMENTS, azure_roles_for, can_change, principal_ids


def main() -> None:
    """Print a data scientist's access per environment and who can change prod."""
    # --8<-- [start:data-scientist-access]
    for env in ENVIRONMENTS:
        held = azure_roles_for("data-scientist", env)
        print(f"{env:<5}", "; ".join(f"{name} on {scope}" for name, scope in held))
    # --8<-- [end:data-scientist-access]
    # --8<-- [start:who-can-change-prod]
    writers = sorted(p for p in principal_ids() if can_change(p, "prod"))
    print("Can change prod:", ", ".join(writers))
    # --8<-- [end:who-can-change-prod]


if __name__ == "__main__":
    main()
