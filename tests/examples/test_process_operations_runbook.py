"""Claims of docs/process/operations-runbook.md."""

from examples.process.operations_runbook import rollback


def test_error_alert_is_severity_one_and_rollback_moves_all_traffic_back(capsys):
    rollback.main()
    entry, split = capsys.readouterr().out.splitlines()
    assert entry.startswith("Severity 1, 15 minutes: Roll back")
    assert split == "Rollback traffic: {'blue': 100, 'green': 0}"
