"""Claims of docs/technology/compute-selection.md."""

from examples.technology.compute_selection import recommend


def test_one_recommendation_per_workload_kind(capsys):
    recommend.main()
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert rows == [
        ["training", "serverless", "Standard_DS3_v2", "0-1"],
        ["tuning", "compute-cluster", "Standard_DS3_v2", "0-8", "low-priority"],
        ["batch-inference", "compute-cluster", "Standard_F8s_v2", "0-3"],
        ["online-inference", "managed-online-endpoint", "Standard_F8s_v2", "3-6"],
    ]
