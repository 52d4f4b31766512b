"""Claims of docs/technology/configuration.md."""

from examples.technology.configuration import load_environment


def test_valid_load_and_every_problem_of_a_bad_file_is_named(capsys):
    load_environment.main()
    first, second = capsys.readouterr().out.splitlines()
    assert first == "mlw-mlops-dev Standard_DS3_v2 0"
    assert second.startswith("rejected:")
    for key in ["azure.subscription_id", "azure.workspace", "compute.size"]:
        assert key in second
