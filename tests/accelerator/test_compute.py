import datetime as dt
import itertools

import pytest
from pydantic import ValidationError

from accelerator.guidance import compute
from accelerator.guidance.compute import (
    RetiredSizeError,
    VmSize,
    Workload,
    compute_catalogue_table,
    compute_data,
    compute_examples_table,
    compute_rule_table,
    compute_targets_table,
    current_size,
    recommend_compute,
    vm_size,
)
from tests.accelerator.helpers import table_rows

CASES = [
    # (workload kwargs, target, vm size, min, max, low priority)
    ({"kind": "training", "data_size_gb": 2}, "serverless", "Standard_D4as_v5", 0, 1, False),
    ({"kind": "training", "data_size_gb": 7}, "serverless", "Standard_D4as_v5", 0, 1, False),
    ({"kind": "training", "data_size_gb": 8}, "serverless", "Standard_D4as_v5", 0, 1, False),
    ({"kind": "training", "data_size_gb": 9}, "serverless", "Standard_E8as_v5", 0, 1, False),
    ({"kind": "training", "data_size_gb": 40}, "serverless", "Standard_E16as_v5", 0, 1, False),
    ({"kind": "training", "data_size_gb": 500}, "serverless", "Standard_E16as_v5", 0, 1, False),
    (
        {"kind": "training", "data_size_gb": 5, "budget_sensitive": True},
        "compute-cluster",
        "Standard_D4as_v5",
        0,
        1,
        True,
    ),
    ({"kind": "training", "gpu": "small"}, "serverless", "Standard_NC4as_T4_v3", 0, 1, False),
    ({"kind": "training", "gpu": "large"}, "serverless", "Standard_NC24ads_A100_v4", 0, 1, False),
    ({"kind": "training", "gpu": "multi"}, "serverless", "Standard_ND96isr_H100_v5", 0, 1, False),
    (
        {"kind": "tuning", "data_size_gb": 6, "parallel_trials": 8},
        "serverless",
        "Standard_D4as_v5",
        0,
        8,
        False,
    ),
    (
        {"kind": "batch-inference", "data_size_gb": 25},
        "compute-cluster",
        "Standard_F8as_v6",
        0,
        3,
        False,
    ),
    (
        {"kind": "batch-inference", "data_size_gb": 0},
        "compute-cluster",
        "Standard_F8as_v6",
        0,
        1,
        False,
    ),
    (
        {"kind": "batch-inference", "data_size_gb": 5000, "budget_sensitive": True},
        "compute-cluster",
        "Standard_F8as_v6",
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
        "Standard_F8as_v6",
        3,
        6,
        False,
    ),
    (
        {"kind": "online-inference", "latency_target_ms": 101},
        "managed-online-endpoint",
        "Standard_D4as_v5",
        3,
        6,
        False,
    ),
    (
        {"kind": "online-inference", "latency_target_ms": 50, "gpu": "large"},
        "managed-online-endpoint",
        "Standard_NC40ads_H100_v5",
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
    table = compute_catalogue_table().split("\n\n")[0]
    assert len(table_rows(table)) == len(compute_data().vm_sizes)
    rows = table_rows(compute_examples_table())
    assert len(rows) == len(compute_data().examples)
    assert any(r[4].endswith("low-priority") for r in rows)


def every_workload() -> list[Workload]:
    """A grid over every input the rule branches on."""
    grid = []
    for kind, gpu, size, budget, latency in itertools.product(
        ["training", "tuning", "batch-inference", "online-inference"],
        ["none", "small", "large", "multi"],
        [0, 1, 6, 8, 9, 25, 32, 33, 64, 65, 500, 5000],
        [False, True],
        [50, 100, 101, 1000],
    ):
        grid.append(
            Workload(
                kind=kind,
                gpu=gpu,
                data_size_gb=size,
                budget_sensitive=budget,
                latency_target_ms=latency,
                parallel_trials=4 if kind == "tuning" else 1,
            )
        )
    return grid


def test_no_recommendation_is_ever_a_retired_or_old_size():
    chosen = {recommend_compute(w).vm_size for w in every_workload()}
    assert {vm_size(name).status for name in chosen} == {"current"}
    retired = {s.vm_size for s in compute_data().vm_sizes if s.status == "retired"}
    assert chosen.isdisjoint(retired)


def test_the_rule_refuses_a_size_the_catalogue_marks_retired(monkeypatch):
    monkeypatch.setattr(compute, "COMPUTE_OPTIMISED", "Standard_NC6s_v3")
    with pytest.raises(RetiredSizeError, match="Standard_NC6s_v3 is retired on 2025-09-30"):
        recommend_compute(Workload(kind="batch-inference", data_size_gb=10))


def test_previous_generation_sizes_are_not_recommended_either():
    with pytest.raises(RetiredSizeError, match="previous-generation"):
        current_size("Standard_DS3_v2")
    assert current_size("Standard_D4as_v5") == "Standard_D4as_v5"


@pytest.mark.parametrize(
    ("size", "retired_on"),
    [
        ("Standard_NC6", dt.date(2023, 9, 6)),
        ("Standard_NC6s_v2", dt.date(2023, 9, 6)),
        ("Standard_ND6s", dt.date(2023, 9, 6)),
        ("Standard_NV6", dt.date(2023, 9, 6)),
        ("Standard_NC6s_v3", dt.date(2025, 9, 30)),
    ],
)
def test_retired_families_carry_their_retirement_date(size, retired_on):
    assert (vm_size(size).status, vm_size(size).retired_on) == ("retired", retired_on)


def test_current_families_are_in_the_catalogue():
    families = " ".join(s.family for s in compute_data().vm_sizes if s.status == "current")
    for family in [
        "Dasv5",
        "Ddsv5",
        "Easv5",
        "Fasv6",
        "NCasT4_v3",
        "NC A100 v4",
        "NCads H100 v5",
        "ND H100 v5",
        "ND H200 v5",
    ]:
        assert family in families


def test_the_catalogue_carries_the_date_it_was_checked():
    data = compute_data()
    assert dt.date(2026, 1, 1) <= data.checked_on <= dt.date.today()
    assert data.sources and all(u.startswith("https://learn.microsoft.com/") for u in data.sources)
    assert f"checked on {data.checked_on.isoformat()}" in compute_catalogue_table()


def test_a_retired_size_without_a_date_is_refused():
    with pytest.raises(ValidationError, match="retired_on"):
        VmSize(
            vm_size="Standard_NC6",
            family="GPU",
            vcpus=6,
            memory_gib=56,
            gpus=1,
            gpu="K80",
            status="retired",
            good_for="nothing",
        )


def test_rule_table_has_one_row_per_branch_and_uses_the_rule():
    rows = table_rows(compute_rule_table())
    assert len(rows) == len(compute_data().rule)
    for row, case in zip(rows, compute_data().rule, strict=True):
        assert row[2] == f"`{recommend_compute(case.workload).vm_size}`"
    assert len({row[2] for row in rows}) >= 8


def test_targets_table_includes_serverless():
    rows = table_rows(compute_targets_table())
    assert [r[0] for r in rows][:2] == ["`serverless`", "`compute-cluster`"]
