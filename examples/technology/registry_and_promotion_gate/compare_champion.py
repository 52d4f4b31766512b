"""Apply the production promotion rules to two challengers of the same champion."""

from reference_impl.config import load_config
from reference_impl.steps.gate import GateRules, decide


def main() -> None:
    """Print the verdict and the reason of every rule for each challenger."""
    # --8<-- [start:two-challengers]
    rules = GateRules(**load_config("prod").gate.model_dump())
    champion = {"roc_auc": 0.821, "recall": 0.64, "segment_recall_gap": 0.07}
    challengers = {
        "slightly better": {"roc_auc": 0.823, "recall": 0.65, "segment_recall_gap": 0.06},
        "clearly better": {"roc_auc": 0.834, "recall": 0.66, "segment_recall_gap": 0.05},
        "better but unfair": {"roc_auc": 0.840, "recall": 0.70, "segment_recall_gap": 0.31},
    }
    for name, challenger in challengers.items():
        checks = decide(challenger, champion, rules)
        verdict = "approved" if all(check.passed for check in checks) else "rejected"
        failed = [check.detail for check in checks if not check.passed]
        print(f"{name}: {verdict}", *failed, sep="\n  ")
    # --8<-- [end:two-challengers]


if __name__ == "__main__":
    main()
