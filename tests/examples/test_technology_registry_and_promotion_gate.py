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


def test_the_rules_table_shows_each_environments_configuration():
    import re
    from pathlib import Path

    from reference_impl.config import load_config

    page = Path(__file__).resolve().parents[2] / "docs/technology/registry-and-promotion-gate.md"
    rows = re.findall(
        r"^\| [^|]*\(`gate\.(\w+)`\) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|", page.read_text(), re.M
    )
    assert len(rows) == 8
    for key, *shown in rows:
        for env, cell in zip(("dev", "test", "prod"), shown, strict=True):
            value = getattr(load_config(env).gate, key)
            assert cell.strip().strip("`") in (
                str(value),
                f"{value:.2f}" if isinstance(value, float) else "",
            ), (key, env)
