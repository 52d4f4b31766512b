"""Print the three environments and the workspace each one points at."""

from reference_impl.config import ENVIRONMENTS, load_config


def main() -> None:
    """Load every shipped environment file and print one line per environment."""
    # --8<-- [start:show-environments]
    for env in ENVIRONMENTS:
        config = load_config(env)
        print(f"{env:<5} -> workspace {config.azure.workspace}, cluster {config.compute.size}")
    # --8<-- [end:show-environments]


if __name__ == "__main__":
    main()
