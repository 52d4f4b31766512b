"""Ctrl-C: Python gets it first hand, and the process ends the way shells expect."""

from __future__ import annotations

import signal
import sys
from typing import NoReturn


def leave_ctrl_c_to_python() -> None:
    """Turn off pyarrow's own Ctrl-C handler in this process.

    While pyarrow reads a CSV file or a dataset it swaps in a handler of its own, which cancels
    the read and sends the signal again once the read is over. That second-hand delivery
    races: in this repository's tests a Ctrl-C during ``validate`` was now and then lost
    (``train`` carried on and registered a model) or arrived a second time while the process
    shut down. With pyarrow's handler off, Python gets the signal itself and raises
    ``KeyboardInterrupt`` as soon as the read returns. pandas imports pyarrow anyway.
    """
    import pyarrow

    pyarrow.enable_signal_handlers(False)


def end_by_sigint() -> NoReturn:
    """End as Python ends on a Ctrl-C nobody caught, without the traceback.

    Call it once the command has said in one line that it stopped. Python shuts down as
    usual (exit handlers run, files are flushed), then ends by SIGINT, so a shell reports
    exit status 130 and a shell loop over commands stops too. A second Ctrl-C meanwhile is
    ignored: it must not cut the shutdown short.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.excepthook = lambda *_: None
    raise KeyboardInterrupt
