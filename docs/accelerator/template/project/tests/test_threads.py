"""The processes a test run starts fit with the number of OpenMP threads the run chose."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.threads import THREAD_VARIABLES

POOLS = """
import json
import sklearn.ensemble  # loads scikit-learn's OpenMP runtime
from threadpoolctl import threadpool_info

pools = [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "openmp"]
print(json.dumps(pools))
"""


def test_a_process_the_tests_start_has_the_runs_openmp_threads() -> None:
    assert all(name in os.environ for name in THREAD_VARIABLES)  # the conftest set them
    done = subprocess.run(
        [sys.executable, "-c", POOLS], capture_output=True, text=True, check=True, timeout=120
    )
    pools = json.loads(done.stdout)
    assert pools, "scikit-learn loaded no OpenMP runtime"
    assert set(pools) == {int(os.environ["OMP_NUM_THREADS"])}
