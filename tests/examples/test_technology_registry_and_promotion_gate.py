"""Claims of docs/technology/registry-and-promotion-gate.md."""

from examples.technology.registry_and_promotion_gate import compare_champion


def test_only_a_clear_and_fair_improvement_is_promoted(capsys):
    compare_champion.main()
    assert capsys.readouterr().out.splitlines() == [
        "slightly better: rejected",
        "  roc_auc 0.8230 vs champion 0.8210: change +0.0020, required +0.0050",
        "clearly better: approved",
        "better but unfair: rejected",
        "  recall gap between segments 0.3100 vs limit 0.2500",
    ]
