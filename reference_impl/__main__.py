"""``python -m reference_impl`` runs the command line."""

import signal
import sys

from reference_impl.cli import main
from reference_impl.exit_codes import ExitCode

if __name__ == "__main__":  # pragma: no cover - exercised through subprocess tests
    code = main()
    if code == ExitCode.INTERRUPTED:  # Ctrl-C, reported in one line and cleaned up after
        # End as Python ends on a Ctrl-C nobody caught: shut down, then die by SIGINT, so a
        # shell reports 130 and a script looping over commands stops too. A late echo of
        # the same Ctrl-C (pyarrow re-sends it) must not cut the shutdown short.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        sys.excepthook = lambda *_: None  # no traceback: the line was said
        raise KeyboardInterrupt
    sys.exit(code)
