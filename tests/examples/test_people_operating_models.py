"""Claims of docs/people/operating-models.md."""

from examples.people.operating_models import contoso_operating_model


def test_contoso_is_hub_and_spoke_and_would_federate_without_a_central_team(capsys):
    contoso_operating_model.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Contoso Insurance: Hub and spoke")
    assert lines[1] == "Platform run by: the hub (central platform and MLOps team)"
    assert lines[2] == "Models built by: data scientists in each business unit"
    assert lines[3] == "What-if: Federated"
