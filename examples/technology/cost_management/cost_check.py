"""Check the shipped environment files for settings that waste money."""

from accelerator.guidance.cost import cost_findings, levers_for
from reference_impl.config import load_config


def main() -> None:
    """Check dev and a wasteful variant of it, then list the levers for online endpoints."""
    # --8<-- [start:check-configs]
    dev = load_config("dev")
    print("dev findings:", cost_findings(dev) or "none")
    warm = dev.compute.model_copy(update={"min_instances": 2, "idle_seconds": 3600})
    print("warm variant:", cost_findings(dev.model_copy(update={"compute": warm})))
    # --8<-- [end:check-configs]
    # --8<-- [start:levers]
    for lever in levers_for("online-inference"):
        print(f"[{lever.effort}] {lever.lever}")
    # --8<-- [end:levers]


if __name__ == "__main__":
    main()
