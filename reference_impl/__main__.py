"""``python -m reference_impl`` runs the command line."""

import sys

from reference_impl.cli import main

if __name__ == "__main__":  # pragma: no cover - exercised through subprocess tests
    sys.exit(main())
