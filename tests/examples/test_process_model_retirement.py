"""Claims of docs/process/model-retirement.md."""

from examples.process.model_retirement import retire


def test_regulated_retirement_adds_evidence_and_retention_steps(capsys):
    retire.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "1. [ml-product-owner] announce"
    assert lines[-2] == "9. [ml-product-owner] close"
    assert lines[-1] == "Only when regulated: export-evidence, retain-data"
