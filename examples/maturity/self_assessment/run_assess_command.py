"""Run the self-assessment command on Contoso's answers file, as a terminal user would."""

from accelerator.cli import main as cli
from accelerator.guidance.assessment import CONTOSO_ANSWERS


def main() -> None:
    """Run ``assess --answers <contoso file> --format json`` and report the exit code."""
    # --8<-- [start:cli]
    exit_code = cli(["assess", "--answers", str(CONTOSO_ANSWERS), "--format", "json"])
    print("exit code:", exit_code)
    # --8<-- [end:cli]


if __name__ == "__main__":
    main()
