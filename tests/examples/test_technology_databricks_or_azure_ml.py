"""Claims of docs/technology/databricks-or-azure-ml.md."""

from examples.technology.databricks_or_azure_ml import contoso_split


def test_contoso_motor_keeps_features_in_databricks_and_trains_in_azure_ml(capsys):
    contoso_split.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Features in Databricks/Fabric, training in Azure ML"
    assert "regulators" in lines[1]
    assert lines[3].startswith("Azure ML: reads the tables by datastore URI")
