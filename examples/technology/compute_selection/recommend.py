"""Pick compute for Contoso's training, tuning, batch and online workloads."""

from accelerator.guidance.compute import Workload, recommend_compute


def main() -> None:
    """Print a recommendation for one workload of each kind."""
    # --8<-- [start:contoso-workloads]
    workloads = [
        Workload(kind="training", data_size_gb=6),
        Workload(kind="tuning", data_size_gb=6, parallel_trials=8, budget_sensitive=True),
        Workload(kind="batch-inference", data_size_gb=25),
        Workload(kind="online-inference", latency_target_ms=80),
    ]
    for workload in workloads:
        rec = recommend_compute(workload)
        nodes = f"{rec.min_instances}-{rec.max_instances}"
        spot = " low-priority" if rec.low_priority else ""
        print(f"{workload.kind:<17} {rec.target:<24} {rec.vm_size:<16} {nodes}{spot}")
    # --8<-- [end:contoso-workloads]


if __name__ == "__main__":
    main()
