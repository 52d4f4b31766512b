"""Claims of docs/technology/azure-ml-training.md."""

from examples.technology.azure_ml_training import pipeline_from_graph


def test_the_dev_pipeline_is_built_from_the_graph_and_valid_offline(capsys):
    pipeline_from_graph.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "valid offline: True; compute: cpu-cluster-dev"
    nodes = [line.split()[0] for line in lines[1::2]]
    assert nodes == ["validate", "prep", "train", "evaluate", "review", "gate", "register"]
    assert lines[1] == "validate  reads ${{parent.inputs.raw_data}}"
    gate = nodes.index("gate") * 2 + 1
    assert "${{parent.jobs.evaluate.outputs.evaluation}}" in lines[gate]
    assert "'min_roc_auc': 0.7" in lines[gate + 1]
    assert "${{parent.jobs.review.outputs.evidence}}" in lines[-2]  # register reads the review
