"""The command line and each step's job collect cycles rarely and skip the collections at exit."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reference_impl.collector import YOUNG_THRESHOLD
from reference_impl.pipeline.graph import TRAINING_PIPELINE

# The CLI's entry module run as `python -m reference_impl config` runs it, in a child process
# (the settings are the process's own; pytest's stay as they are); its exit is caught to read
# the collector's state at the moment the interpreter would start to shut down.
CHILD = """
import gc, runpy, sys
before = gc.get_threshold()
sys.argv = ["reference_impl", "config"]
try:
    runpy.run_module("reference_impl", run_name="__main__", alter_sys=True)
except SystemExit as stop:
    print("exit", stop.code, *before, *gc.get_threshold(), gc.get_freeze_count(), file=sys.stderr)
"""


def test_the_command_line_collects_rarely_and_freezes_what_lives_at_exit() -> None:
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True)
    code, young, middle, oldest, *during, frozen = done.stderr.split("\n")[-2].split()[1:]
    assert (int(code), done.stdout.startswith("{")) == (0, True), done.stderr
    assert int(young) < YOUNG_THRESHOLD
    assert [int(value) for value in during] == [YOUNG_THRESHOLD, int(middle), int(oldest)]
    assert int(frozen) > 10_000  # the command's imports, left out of the collections at exit


# A cycle nobody can reach any more, whose finalizer stops a helper process (as a Git repository
# object stops its `git cat-file` processes): it is finalized before the survivors are frozen.
GARBAGE = """
import gc, sys
from reference_impl.collector import freeze_survivors
gc.disable()  # nothing collects it by chance before the call

class Helper:
    def __init__(self):
        self.me = self
    def __del__(self):
        print("helper stopped", flush=True)

Helper()
kept = [[] for _ in range(100)]
freeze_survivors()
print("frozen", gc.get_freeze_count() >= len(kept), flush=True)
"""


def test_garbage_is_finalized_before_the_survivors_are_frozen() -> None:
    done = subprocess.run([sys.executable, "-c", GARBAGE], capture_output=True, text=True)
    assert done.stdout.splitlines() == ["helper stopped", "frozen True"], done.stderr


# A step run as its Azure ML job runs it (`python -m <step module> ...`), asked for its usage:
# the settings are in place before the step's own code parses its arguments.
STEP = """
import gc, runpy, sys
sys.argv = [sys.argv[1], "--help"]
try:
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
except SystemExit as stop:
    print("exit", stop.code, gc.get_threshold()[0], file=sys.stderr)
"""


@pytest.mark.parametrize("module", [step.module for step in TRAINING_PIPELINE.steps])
def test_each_step_job_collects_rarely(module: str) -> None:
    done = subprocess.run([sys.executable, "-c", STEP, module], capture_output=True, text=True)
    assert done.stderr.split("\n")[-2] == f"exit 0 {YOUNG_THRESHOLD}", done.stderr
    assert done.stdout.startswith("usage: ")
