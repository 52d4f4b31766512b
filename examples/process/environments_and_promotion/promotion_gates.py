"""What must a model version pass to enter test and prod, and who approves?"""

from accelerator.guidance.promotion import gate_into


def main() -> None:
    """Print the gate into each environment after dev."""
    # --8<-- [start:gates]
    for env in ("test", "prod"):
        stage = gate_into(env)
        approval = stage.approver or "automatic"
        print(f"into {env} ({approval}):")
        for check in stage.entry_gate:
            print(f"  - {check}")
    # --8<-- [end:gates]


if __name__ == "__main__":
    main()
