"""``python -m reference_impl`` runs the command line."""

import sys

from reference_impl.cli import main
from reference_impl.collector import as_command
from reference_impl.exit_codes import ExitCode
from reference_impl.interrupt import end_by_sigint

if __name__ == "__main__":  # pragma: no cover - exercised through subprocess tests
    code = as_command(main)
    if code == ExitCode.INTERRUPTED:  # Ctrl-C: said in one line, and cleaned up after
        end_by_sigint()
    sys.exit(code)
