"""Call the command line from Python, exactly as ``python -m reference_impl`` would."""

from reference_impl.cli import main as cli


def main() -> None:
    """Run ``config --env prod`` and report its exit code."""
    # --8<-- [start:call-cli]
    exit_code = cli(["config", "--env", "prod"])
    print("exit code:", exit_code)
    # --8<-- [end:call-cli]


if __name__ == "__main__":
    main()
