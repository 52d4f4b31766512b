import pytest
from pydantic import ValidationError

from accelerator.guidance.compute import (
    Workload,
    compute_catalogue_table,
    compute_data,
    compute_examples_table,
    recommend_compute,
    vm_size,
)
from tests.accelerator.helpers import table_rows

CASES = [
    # (workload kwargs, target, vm size, min, max, low priority)
    ({"kind": "training", "data_size_gb": 2}, "serverless", "Standard_DS3_v2", 0, 1, False),
    ({"kind": "training", "data_size_gb": 7}, "serverless", "Standard_DS3_v2", 0, 1, False),
    ({"kind": "training", "data_size_gb": 8}, "serverless", "Standard_E8s_v3", 0, 1, False),
    ({"kind": "training", "data_size_gb": 40}, "serverless", "Standard_E16s_v3", 0, 1, False),
    ({"kind": "training", "data_size_gb": 500}, "serverless", "Standard_E16s_v3", 0, 1, False),
    (
        {"kind": "training", "data_size_gb": 5, "budget_sensitive": True},
        "compute-cluster",
        "Standard_DS3_v2",
        0,
        1,
        True,
    ),
    ({"kind": "training", "gpu": "small"}, "serverless", "Standard_NC4as_T4_v3", 0, 1, False),
    ({"kind": "training", "gpu": "large"}, "serverless", "Standard_NC24ads_A100_v4", 0, 1, False),
    (
        {"kind": "tuning", "data_size_gb": 6, "parallel_trials": 8},
        "serverless",
        "Standard_DS3_v2",
        0,
        8,
        False,
    ),
    (
        {"kind": "batch-inference", "data_size_gb": 25},
        "compute-cluster",
        "Standard_F8s_v2",
        0,
        3,
        False,
    ),
    (
        {"kind": "batch-inference", "data_size_gb": 0},
        "compute-cluster",
        "Standard_F8s_v2",
        0,
        1,
        False,
    ),
    (
        {"kind": "batch-inference", "data_size_gb": 5000, "budget_sensitive": True},
        "compute-cluster",
        "Standard_F8s_v2",
        0,
        10,
        True,
    ),
    (
        {"kind": "batch-inference", "data_size_gb": 10, "gpu": "small"},
        "compute-cluster",
        "Standard_NC4as_T4_v3",
        0,
        1,
        False,
    ),
    (
        {"kind": "online-inference", "latency_target_ms": 100},
        "managed-online-endpoint",
        "Standard_F8s_v2",
        3,
        6,
        False,
    ),
    (
        {"kind": "online-inference", "latency_target_ms": 101},
        "managed-online-endpoint",
        "Standard_DS3_v2",
        3,
        6,
        False,
    ),
    (
        {"kind": "online-inference", "latency_target_ms": 50, "gpu": "large"},
        "managed-online-endpoint",
        "Standard_NC4as_T4_v3",
        3,
        6,
        False,
    ),
]


@pytest.mark.parametrize(("kwargs", "target", "size", "lo", "hi", "spot"), CASES)
def test_recommendations(kwargs, target, size, lo, hi, spot):
    rec = recommend_compute(Workload(**kwargs))
    assert (rec.target, rec.vm_size, rec.min_instances, rec.max_instances, rec.low_priority) == (
        target,
        size,
        lo,
        hi,
        spot,
    )
    assert rec.reason


def test_every_recommended_size_is_in_the_catalogue():
    for kwargs, *_ in CASES:
        assert vm_size(recommend_compute(Workload(**kwargs)).vm_size)


def test_online_workload_needs_a_latency_target():
    with pytest.raises(ValidationError, match="latency_target_ms"):
        Workload(kind="online-inference")


def test_unknown_vm_size_is_a_key_error():
    with pytest.raises(KeyError):
        vm_size("Standard_Imaginary_v9")


def test_catalogue_gpu_fields_agree():
    for size in compute_data().vm_sizes:
        assert (size.gpus > 0) == (size.gpu is not None), size.vm_size


def test_tables_have_one_row_per_size_and_per_example():
    assert len(table_rows(compute_catalogue_table())) == len(compute_data().vm_sizes)
    rows = table_rows(compute_examples_table())
    assert len(rows) == len(compute_data().examples)
    assert any(r[4].endswith("low-priority") for r in rows)
