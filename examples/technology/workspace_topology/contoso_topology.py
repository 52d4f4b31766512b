"""How many Azure ML workspaces and registries does Contoso Insurance need?"""

from accelerator.guidance.organisation import contoso
from accelerator.guidance.topology import recommend_topology


def main() -> None:
    """Print the recommended topology for Contoso and the rules that shaped it."""
    # --8<-- [start:contoso-topology]
    topology = recommend_topology(contoso())
    for reason in topology.reasons:
        print("-", reason)
    print(f"{len(topology.workspaces)} workspaces, e.g. {topology.workspaces[0].name}")
    for registry in topology.registries:
        print(f"registry {registry.name}: {', '.join(registry.serves)}")
    # --8<-- [end:contoso-topology]


if __name__ == "__main__":
    main()
