"""Claims of docs/getting-started/first-steps.md."""

from examples.getting_started.first_steps import show_config


def test_one_line_per_environment_with_its_workspace(capsys):
    show_config.main()
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["dev", "test", "prod"]
    assert "mlw-mlops-prod" in lines[2]
    assert "Standard_DS4_v2" in lines[2]
