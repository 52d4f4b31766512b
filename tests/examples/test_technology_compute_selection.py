"""Claims of docs/technology/compute-selection.md."""

from examples.technology.compute_selection import recommend


def test_one_recommendation_per_workload_kind(capsys):
    recommend.main()
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert rows == [
        ["training", "serverless", "Standard_D4as_v5", "0-1"],
        ["tuning", "compute-cluster", "Standard_D4as_v5", "0-8", "low-priority"],
        ["batch-inference", "compute-cluster", "Standard_F8as_v6", "0-3"],
        ["online-inference", "managed-online-endpoint", "Standard_F8as_v6", "3-6"],
    ]
