"""``python -m reference_impl`` runs the command line."""

import sys

from reference_impl.cli import main
from reference_impl.collector import collect_less, freeze_survivors
from reference_impl.exit_codes import ExitCode
from reference_impl.interrupt import end_by_sigint

if __name__ == "__main__":  # pragma: no cover - exercised through subprocess tests
    collect_less()  # before the command imports MLflow, pandas and scikit-learn
    code = main()
    if code == ExitCode.INTERRUPTED:  # Ctrl-C: said in one line, and cleaned up after
        end_by_sigint()  # at once: a second Ctrl-C is ignored from here on
    freeze_survivors()
    sys.exit(code)
