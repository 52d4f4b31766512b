"""Claims of docs/reference-implementation/cli.md."""

import json
import subprocess
import sys

from examples.reference_implementation.cli import run_config_command


def test_cli_prints_prod_config_and_exits_zero(capsys):
    run_config_command.main()
    out = capsys.readouterr().out
    body, _, tail = out.rpartition("exit code:")
    assert json.loads(body)["azure"]["workspace"] == "mlw-mlops-prod"
    assert tail.strip() == "0"


def test_module_entry_point_lists_commands():
    done = subprocess.run(
        [sys.executable, "-m", "reference_impl", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "config" in done.stdout
