"""Run the accelerator's command line: ``python -m accelerator``."""

import sys

from accelerator.cli import main

if __name__ == "__main__":
    sys.exit(main())
