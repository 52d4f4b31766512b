"""``python -m reference_impl`` runs the command line."""

import sys

from reference_impl.cli import main
from reference_impl.collector import as_command
from reference_impl.exit_codes import ExitCode
from reference_impl.interrupt import end_by_sigint


def _command() -> int:
    """The command's exit code; after a Ctrl-C it ends by SIGINT instead, at once."""
    code = main()
    if code == ExitCode.INTERRUPTED:  # Ctrl-C: said in one line, and cleaned up after
        end_by_sigint()  # a second Ctrl-C is ignored from here on
    return code


if __name__ == "__main__":  # pragma: no cover - exercised through subprocess tests
    sys.exit(as_command(_command))
