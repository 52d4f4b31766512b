"""Walk the single description of the training pipeline: steps, wiring and one step's command."""

from reference_impl.config import load_config
from reference_impl.pipeline.graph import TRAINING_PIPELINE


def main() -> None:
    """Print each step's inputs and outputs, and the Azure ML command of the ``prep`` step."""
    # --8<-- [start:walk-graph]
    for step in TRAINING_PIPELINE.steps:
        reads = ", ".join(port.source for port in step.inputs)
        writes = ", ".join(port.name for port in step.outputs)
        print(f"{step.name:<9} reads {reads:<52} writes {writes}")
    print(TRAINING_PIPELINE.step("prep").command())
    print(TRAINING_PIPELINE.param_values(load_config("prod"))["gate"])
    # --8<-- [end:walk-graph]


if __name__ == "__main__":
    main()
