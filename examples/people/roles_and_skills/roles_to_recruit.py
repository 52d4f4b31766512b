"""Which roles does a new MLOps team usually have to hire for?"""

from accelerator.guidance.roles import roles, roles_to_recruit


def main() -> None:
    """Print the hiring list and the skills each role needs."""
    # --8<-- [start:hiring-list]
    print("Recruit:", ", ".join(roles_to_recruit()))
    for role in roles():
        print(f"- {role.name} ({role.source}): {', '.join(role.skills)}")
    # --8<-- [end:hiring-list]


if __name__ == "__main__":
    main()
