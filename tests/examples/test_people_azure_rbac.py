"""Claims of docs/people/azure-rbac.md."""

from examples.people.azure_rbac import access_per_environment


def test_data_scientists_contribute_in_dev_read_elsewhere_and_only_workloads_change_prod(capsys):
    access_per_environment.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("dev") and "AzureML Data Scientist on workspace" in lines[0]
    assert lines[1].split(maxsplit=1) == ["test", "Reader on workspace"]
    assert lines[2].split(maxsplit=1) == ["prod", "Reader on workspace"]
    # Only workload identities: the deployer, the training cluster and the scoring endpoint
    # (which writes predictions to the lake); no person.
    assert lines[3] == "Can change prod: ci-deployer, endpoint-identity, training-compute"
