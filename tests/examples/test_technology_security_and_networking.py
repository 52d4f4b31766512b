"""Claims of docs/technology/security-and-networking.md."""

from examples.technology.security_and_networking import baseline


def test_regulated_adds_controls_and_replaces_the_open_managed_network(capsys):
    baseline.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Baseline: 6 controls; regulated: 11"
    added = [line.split()[-1] for line in lines[1:] if line.startswith("+")]
    assert "private-endpoints" in added
    assert "managed-vnet-approved-outbound" in added
    assert not any(line.split()[-1] == "managed-vnet" for line in lines[1:])
