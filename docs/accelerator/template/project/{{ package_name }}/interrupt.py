"""Ctrl-C: Python gets it first hand, and the process ends the way shells expect."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def ctrl_c_unwrapped() -> Iterator[None]:
    """Let a Ctrl-C that Python wrapped in another error be a ``KeyboardInterrupt`` again.

    Python 3.11 wraps whatever a descriptor's ``__set_name__`` raises in a ``RuntimeError``
    ("Error calling __set_name__ ..."; 3.12 no longer does). Importing pandera or pydantic
    models runs many of them, and a ``train`` spends seconds importing: a Ctrl-C that lands
    there surfaced as that error, a traceback instead of one line and a run marked
    ``FAILED`` instead of ``KILLED``.

    Yields:
        Nothing; a ``RuntimeError`` caused by a ``KeyboardInterrupt`` leaves as the latter.
    """
    try:
        yield
    except RuntimeError as error:
        if isinstance(error.__cause__, KeyboardInterrupt):
            raise error.__cause__ from None
        raise


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
