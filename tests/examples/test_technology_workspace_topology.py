"""Claims of docs/technology/workspace-topology.md."""

from examples.technology.workspace_topology import contoso_topology


def test_contoso_gets_nine_workspaces_and_split_registries(capsys):
    contoso_topology.main()
    lines = capsys.readouterr().out.splitlines()
    assert "- operating model: Hub and spoke" in lines
    assert "- data stays in its region: westeurope, uksouth" in lines
    assert "9 workspaces, e.g. mlw-motor-dev" in lines
    assert lines[-2:] == [
        "registry mlr-contoso-nonprod: dev, test",
        "registry mlr-contoso-prod: prod",
    ]
