"""An alert fires after a release: who responds, and what traffic split rolls back?"""

from accelerator.guidance.runbook import respond_to, rollback_traffic


def main() -> None:
    """Look up the endpoint-errors entry and compute the rollback split."""
    # --8<-- [start:respond-and-roll-back]
    entry = respond_to("endpoint-errors")
    print(f"Severity {entry.severity}, {entry.respond_within}: {entry.action}")
    during_release = {"blue": 90, "green": 10}  # green is the new model version
    print("Rollback traffic:", rollback_traffic(during_release, previous="blue"))
    # --8<-- [end:respond-and-roll-back]


if __name__ == "__main__":
    main()
