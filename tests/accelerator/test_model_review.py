import pytest

from accelerator.guidance.model_review import (
    TIER_ORDER,
    review_checks_table,
    review_plan,
    review_policy,
    risk_tier,
    risk_tiers_table,
)
from accelerator.guidance.roles import role_ids
from tests.accelerator.helpers import table_rows


@pytest.mark.parametrize(
    ("affects", "automated", "regulated", "tier"),
    [
        (False, False, False, "low"),
        (False, True, True, "low"),
        (True, False, False, "medium"),
        (True, True, False, "high"),
        (True, False, True, "high"),
    ],
)
def test_risk_tiers(affects, automated, regulated, tier):
    assert risk_tier(affects_individuals=affects, automated=automated, regulated=regulated) == tier


def test_tiers_in_order_with_known_approvers():
    assert tuple(t.tier for t in review_policy().tiers) == TIER_ORDER
    assert all(set(t.approvers) <= role_ids() for t in review_policy().tiers)


def test_higher_tiers_need_every_lower_tier_check_and_more():
    low, medium, high = (review_plan(t) for t in TIER_ORDER)
    ids = [{c.id for c in p.checks} for p in (low, medium, high)]
    assert ids[0] < ids[1] < ids[2]
    assert "fairness" in ids[1] and "independent-validation" in ids[2] - ids[1]


def test_people_affecting_models_need_an_independent_reviewer():
    for tier in ("medium", "high"):
        assert "model-risk-reviewer" in {r.id for r in review_plan(tier).approvers}


def test_tables():
    rows = table_rows(review_checks_table())
    assert len(rows) == len(review_policy().checks)
    assert rows[0][2:] == ["✓", "✓", "✓"]
    assert rows[-1][2:] == ["", "", "✓"]
    assert len(table_rows(risk_tiers_table())) == 3
