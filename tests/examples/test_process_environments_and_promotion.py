"""Claims of docs/process/environments-and-promotion.md."""

from examples.process.environments_and_promotion import promotion_gates


def test_test_is_automatic_and_prod_needs_the_product_owner(capsys):
    promotion_gates.main()
    lines = capsys.readouterr().out.splitlines()
    headers = [line for line in lines if line.startswith("into ")]
    assert headers == ["into test (automatic):", "into prod (ml-product-owner):"]
    prod_checks = lines[lines.index(headers[1]) + 1 :]
    assert any("responsible-AI review" in check for check in prod_checks)
    assert any("ready-for-production checklist" in check for check in prod_checks)
