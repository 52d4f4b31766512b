"""Claims of docs/process/model-review.md."""

from examples.process.model_review import review_plan


def test_churn_is_medium_and_pricing_high_with_more_checks(capsys):
    review_plan.main()
    churn, pricing = capsys.readouterr().out.splitlines()
    assert churn.startswith("Motor churn: medium risk")
    assert pricing.startswith("Motor pricing: high risk")
    assert int(pricing.split(", ")[1].split()[0]) > int(churn.split(", ")[1].split()[0])
    assert churn.endswith("ML product owner + Model risk reviewer")
