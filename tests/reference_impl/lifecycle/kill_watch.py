"""Watch a ``train`` from a process of its own and SIGKILL it at a chosen moment.

Run as ``python kill_watch.py WORKDIR POINT PGID`` (``processes.kill_at`` starts it). The
watch used to be a loop in the test process, where the rest of the suite shares the
interpreter: a busy moment there kept the loop waiting longer than the registry lock is held
(about a tenth of a second on the test's 2,000 rows, without coverage), and the kill came
after the first model was registered. A process of its own looks every 2 ms whatever the suite does.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from reference_impl.file_lock import acquire, release
from reference_impl.workdir import Workdir


def _step_started(step: str) -> Callable[[Path], bool]:
    return lambda workdir: any((workdir / "runs").glob(f"*/{step}"))


def _registry_lock_held(workdir: Path) -> bool:
    """Evaluate has started and another process holds the workdir lock: gate and register.

    The lock is seen the moment ``train`` takes it, so the kill lands inside it, not after
    the first model was registered (the gate's output folder outlives the lock).
    """
    lock_file = Workdir(workdir).lock_file
    if not (_step_started("evaluate")(workdir) and lock_file.exists()):
        return False
    handle = acquire(lock_file, 0)
    if handle is None:
        return True
    release(handle)
    return False


KILL_POINTS: dict[str, Callable[[Path], bool]] = {
    "while MLflow creates the store": lambda w: (w / "mlflow.db.creating").exists(),
    "during validate": _step_started("validate"),
    "during train": _step_started("train"),
    "inside the registry lock (gate)": _registry_lock_held,
}
"""When to kill, by name: each a check of the working directory."""


def main(argv: Sequence[str]) -> int:
    """Kill process group ``PGID`` once ``POINT`` holds in ``WORKDIR``; runs until then.

    Args:
        argv: ``WORKDIR POINT PGID``.

    Returns:
        ``0`` once the group was killed.
    """
    workdir, ready, group = Path(argv[0]), KILL_POINTS[argv[1]], int(argv[2])
    while not ready(workdir):
        time.sleep(0.002)
    os.killpg(group, signal.SIGKILL)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
