"""Load an environment's configuration, and see what a broken file reports."""

import tempfile
from pathlib import Path

from reference_impl.config import ConfigError, load_config


def main() -> None:
    """Show a valid load and the error message of an invalid file."""
    # --8<-- [start:load-dev]
    dev = load_config("dev")
    print(dev.azure.workspace, dev.compute.size, dev.compute.min_instances)
    # --8<-- [end:load-dev]

    # --8<-- [start:bad-file]
    with tempfile.TemporaryDirectory() as folder:
        bad = Path(folder) / "dev.yaml"
        bad.write_text("name: dev\nazure: {workspace: x}\ncompute: {name: c, size: DS3}\n")
        try:
            load_config("dev", config_dir=Path(folder))
        except ConfigError as error:
            print("rejected:", error)
    # --8<-- [end:bad-file]


if __name__ == "__main__":
    main()
