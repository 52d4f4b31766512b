"""One OpenMP thread per process of the test run, unless the shell already chose a number.

The suite fits models in the test process and in ``train`` processes it starts beside it (three
at once in the concurrency tests, one per killed run in the recovery tests). With OpenMP's
default of one thread per core, each of them spreads over every core, and their threads wait
on each other: a 0.2 s fit took 2.6-3.9 s next to another CPU-heavy process. Set before
scikit-learn, LightGBM or XGBoost load their OpenMP runtime; processes the tests start inherit it.
"""

from __future__ import annotations

import os

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
"""The settings the OpenMP, OpenBLAS and MKL runtimes read for their number of threads."""


def one_thread_each() -> None:
    """Give every runtime one thread, keeping any number the shell set already."""
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
