"""Run a command as typed into a terminal, and press Ctrl-C on it.

A shell runs a typed command as the terminal's foreground process group, with SIGINT's
default action, and Ctrl-C makes the terminal send SIGINT to every process of that group,
once. A test suite has no terminal; started in the background by a shell that is not
interactive (as in CI) it even runs with SIGINT ignored, which its children inherit. And a
SIGINT sent with ``killpg`` is not the same either: without a terminal, ``uv run`` passes
the signal on to its command, which then gets it twice.

So :class:`Terminal` gives the command a pseudo-terminal: a small launcher makes it the
command's controlling terminal, restores SIGINT's default and execs the command line, split
as a shell splits a simple command. Pressing Ctrl-C writes the ^C character to the terminal.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_LAUNCHER = """
import os, shlex, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.login_tty(int(sys.argv[1]))
argv = shlex.split(sys.argv[2])
os.execvp(argv[0], argv)
"""


class Terminal:
    """A command line running in a pseudo-terminal of its own; use it as a context manager.

    Leaving the block presses Ctrl-C if the command still runs and, if it has not stopped a
    minute later, kills what is left of its process group.

    Args:
        line: The command as a user types it.
        cwd: The folder it is typed in.
        env: Its environment (this process's if not given).
    """

    def __init__(self, line: str, cwd: Path, env: dict[str, str] | None = None) -> None:
        self._master, slave = os.openpty()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _LAUNCHER, str(slave), line],
                cwd=cwd, env=env, pass_fds=(slave,), stdin=subprocess.DEVNULL,
            )  # fmt: skip
        finally:
            os.close(slave)  # the command holds the terminal now
        self._output = bytearray()
        self._stopped = False  # True once Ctrl-C ended the command and all of its group
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        with contextlib.suppress(OSError):  # EIO: no process holds the terminal any more
            while chunk := os.read(self._master, 65536):
                self._output += chunk

    def output(self) -> str:
        """What the command has written so far (stdout and stderr, as a terminal shows them)."""
        return self._output.decode("utf-8", errors="replace").replace("\r\n", "\n")

    def wait_until(self, check: Callable[[], T], what: str, timeout: float = 300) -> T:
        """Wait, while the command runs, until ``check()`` returns something truthy.

        Args:
            check: Looked at every 20 ms.
            what: What is awaited, for the failure message.
            timeout: Seconds to wait at most.

        Returns:
            What ``check`` returned.
        """
        deadline = time.monotonic() + timeout
        while not (found := check()):
            assert self.process.poll() is None, f"the command ended before {what}:\n{self.output()}"
            assert time.monotonic() < deadline, f"no {what} after {timeout} s:\n{self.output()}"
            time.sleep(0.02)
        return found

    def wait_for(self, text: str, timeout: float = 300) -> None:
        """Wait, while the command runs, until it has written ``text``."""
        self.wait_until(lambda: text in self.output(), repr(text), timeout)

    def press_ctrl_c(self, timeout: float = 60, linger: float = 10) -> int:
        """Press Ctrl-C and wait for the command to stop.

        Args:
            timeout: How long it may take to stop.
            linger: How long its group's other processes may take to end after it did (a
                server's workers each handle the Ctrl-C themselves, and a worker whose parent
                ended is gone only once the system has reaped it).

        Returns:
            Its exit code, once no process of its group is left and its output is read.
        """
        os.write(self._master, b"\x03")
        code = self.process.wait(timeout=timeout)
        self._reader.join(timeout)
        deadline = time.monotonic() + linger
        with contextlib.suppress(ProcessLookupError):
            while True:
                os.killpg(self.process.pid, 0)
                if time.monotonic() > deadline:
                    raise AssertionError(
                        f"a process of the group outlived Ctrl-C by {linger} s:\n{self.output()}"
                    )
                time.sleep(0.02)
        self._stopped = True
        return code

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_: object) -> None:
        try:
            if self.process.poll() is None:
                with contextlib.suppress(subprocess.TimeoutExpired, AssertionError):
                    self.press_ctrl_c()
        finally:
            if not self._stopped:  # a group that is gone may have left its id to another
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            os.close(self._master)
