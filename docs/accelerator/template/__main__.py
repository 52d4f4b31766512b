"""``python -m accelerator.template``: the same as ``python -m accelerator.template.export``."""

import sys

from accelerator.template.export import main

if __name__ == "__main__":
    sys.exit(main())
