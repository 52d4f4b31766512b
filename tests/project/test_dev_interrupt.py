"""Ctrl-C on a dev.py command stops the command; dev.py waits for it and adds no traceback.

``.ci/dev.py`` runs the generated project's ``dev.py`` runner, so this covers both.
"""

from __future__ import annotations

import shlex

from tests.project.test_setup import ROOT
from tests.reference_impl.terminal import Terminal

# Stands for a command that stops in its own way on Ctrl-C (a server shutting down, pytest
# printing its summary): it takes a moment, says so and exits 130, as shells report Ctrl-C.
COMMAND = """
import sys, time
try:
    print("ready", flush=True)
    time.sleep(120)
except KeyboardInterrupt:
    time.sleep(0.5)  # longer than Python's subprocess waits for a child after Ctrl-C
    print("stopped cleanly", flush=True)
    sys.exit(130)
"""


def test_ctrl_c_stops_the_command_and_dev_py_returns_its_exit_code() -> None:
    line = f"python3 .ci/dev.py run python -c {shlex.quote(COMMAND)}"
    with Terminal(line, ROOT) as terminal:
        terminal.wait_for("ready")
        code = terminal.press_ctrl_c()

    shown = terminal.output()
    assert "stopped cleanly" in shown, shown
    assert "Traceback" not in shown and "KeyboardInterrupt" not in shown, shown
    assert code == 130
