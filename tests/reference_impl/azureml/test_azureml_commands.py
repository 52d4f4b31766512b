"""The Azure ML commands' arguments, errors and the promise that local commands stay light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reference_impl.azureml import training
from reference_impl.azureml.client import workspace_client
from reference_impl.azureml.names import batch_endpoint, online_endpoint
from reference_impl.config import load_config
from reference_impl.config.project import load_project
from tests.reference_impl.azureml.conftest import ROOT, run_cli
from tests.reference_impl.identity import ASSET, MODEL, NEEDS_TEST_ENV, NEXT

PROJECT = load_project()


def test_help_and_local_commands_do_not_import_azure_ai_ml() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from reference_impl.cli import build_parser\n"
        "build_parser()\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    build_parser().parse_args(['deploy', '--help'])\n"
        "print('azure.ai.ml' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize(
    "argv",
    [
        ["train", "--target", "azureml", "--dry-run"],
        ["deploy", "--env", "dev", "--model", "m", "--version", "1", "--dry-run"],
        pytest.param(["monitor", "--target", "azureml", "--dry-run"], marks=pytest.mark.online),
    ],
)
def test_dry_run_needs_an_output_folder(argv: list[str]) -> None:
    call = run_cli(*argv)
    assert call.code == 2
    assert "--dry-run needs --out DIR" in call.err


@pytest.mark.parametrize(
    "argv",
    [
        ["train", "--target", "azureml"],
        ["deploy", "--target", "azureml", "--env", "dev", "--model", MODEL, "--version", "1"],
        pytest.param(["monitor", "--target", "azureml"], marks=pytest.mark.online),
        pytest.param(
            ["promote", "--model", MODEL, "--version", "1", "--from", "dev", "--to", NEXT],
            marks=NEEDS_TEST_ENV,
        ),
    ],
    ids=lambda argv: argv[0],
)
def test_a_dry_run_out_that_is_a_file_is_refused(tmp_path: Path, argv: list[str]) -> None:
    taken = tmp_path / "plan.yml"
    taken.write_text("kept\n")
    call = run_cli(*argv, "--dry-run", "--out", str(taken))
    assert call.code == 2, call.err
    assert call.err.endswith(f"error: cannot write --out {taken}: it is a file, not a folder\n")
    assert call.out == ""  # no plan printed above the refusal (promote printed its steps)
    assert "Traceback" not in call.err
    assert taken.read_text() == "kept\n"


def test_bad_configuration_is_a_usage_error(tmp_path: Path) -> None:
    call = run_cli(
        "train",
        "--target",
        "azureml",
        "--set",
        "model.params.max_iter=0",
        "--dry-run",
        "--out",
        str(tmp_path),
    )
    assert call.code == 2
    assert "model.params: HistGradientBoostingClassifier refused them" in call.err


@pytest.mark.parametrize(
    "case, setting, message",
    [
        ("contract-outside-config", "data.contract={folder}/contract.yaml",
         "data.contract {folder}/contract.yaml: an Azure ML job reads the contract from its "
         "code snapshot"),
        ("function-outside-package",
         "model.train_function=tests.reference_impl.lifecycle.training_functions:train_bagged",
         "an Azure ML job imports it from its code snapshot, which holds the reference_impl "
         "package only"),
    ],
)  # fmt: skip
def test_what_the_job_snapshot_lacks_is_a_usage_error(
    tmp_path: Path, case: str, setting: str, message: str
) -> None:
    from reference_impl.contract import CONTRACT_FILE, contract_path

    # a valid contract, outside the configuration folder
    (tmp_path / "contract.yaml").write_text(contract_path(CONTRACT_FILE).read_text())
    extra = ["--set", "model.params={}"] if "train_function" in setting else []
    call = run_cli("train", "--target", "azureml", "--set", setting.format(folder=tmp_path),
                   *extra, "--dry-run", "--out", str(tmp_path / "out"))  # fmt: skip
    assert call.code == 2, call.err
    assert message.format(folder=tmp_path) in call.err
    assert not (tmp_path / "out").exists()


@NEEDS_TEST_ENV
def test_promote_dry_run_without_out_only_prints(tmp_path: Path) -> None:
    call = run_cli(
        "promote",
        "--model",
        MODEL,
        "--version",
        "3",
        "--from",
        "test",
        "--to",
        "prod",
        "--dry-run",
    )
    assert call.code == 0, call.err
    assert "promoted to test" in call.out
    assert "wrote" not in call.out


@pytest.mark.online
def test_monitor_dry_run_of_another_colour(tmp_path: Path) -> None:
    call = run_cli(
        "monitor",
        "--target",
        "azureml",
        "--env",
        "prod",
        "--deployment",
        "green",
        "--dry-run",
        "--out",
        str(tmp_path),
    )
    assert call.code == 0, call.err
    assert f"azureml:{MODEL}-prod:green" in (tmp_path / "monitor_schedule.yml").read_text()


@pytest.mark.online
def test_deploy_dry_run_with_another_instance_type(tmp_path: Path) -> None:
    call = run_cli(
        "deploy", "--env", "prod", "--model", MODEL, "--version", "12",
        "--instance-type", "Standard_F4s_v2", "--dry-run", "--out", str(tmp_path),
    )  # fmt: skip
    assert call.code == 0, call.err
    text = (tmp_path / "online_deployment.yml").read_text()
    assert "instance_type: Standard_F4s_v2" in text and "instance_count: 3" in text
    assert f"azureml://registries/mlr-mlops-shared/models/{MODEL}/versions/12" in text


def test_an_invalid_pipeline_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(
        training, "validation_errors", lambda job: {"jobs.train.compute": "Compute not set"}
    )
    with pytest.raises(
        training.InvalidPipelineError, match=r"jobs\.train\.compute: Compute not set"
    ):
        training.training_plan(
            load_config("dev"),
            code=tmp_path,
            data=f"azureml:{ASSET}:1",
        )


def test_data_inputs() -> None:
    assert training.data_input(f"azureml:{ASSET}:2").path == f"azureml:{ASSET}:2"
    local = training.data_input("reference_impl/data/customers.csv")
    assert Path(local.path).is_absolute() and local.type == "uri_file"


@NEEDS_TEST_ENV
def test_client_uses_default_azure_credential_without_sending_anything(blocked: list[str]) -> None:
    from azure.identity import DefaultAzureCredential

    client = workspace_client(load_config("test"))
    assert isinstance(client._credential, DefaultAzureCredential)
    assert (client.subscription_id, client.resource_group_name, client.workspace_name) == (
        "00000000-0000-0000-0000-000000000000",
        "rg-mlops-test",
        "mlw-mlops-test",
    )
    assert blocked == []


def test_endpoint_names_follow_azure_rules() -> None:
    config = load_config("prod")
    assert online_endpoint(MODEL, config) == f"{MODEL}-prod"
    assert batch_endpoint(MODEL, config) == f"{MODEL}-prod-batch"
    with pytest.raises(ValueError, match="3-32 letters"):
        batch_endpoint("a-model-name-that-is-far-too-long", config)


@pytest.mark.parametrize(
    "argv",
    [
        ["train", "--target", "azureml"],
        ["status", "--job", "j"],
        ["deploy", "--env", "dev", "--model", "m", "--version", "1"],
        pytest.param(["rollback", "--env", "dev"], marks=pytest.mark.online),
        ["promote", "--model", "m", "--version", "1", "--from", "dev", "--to", NEXT],
        pytest.param(["monitor", "--target", "azureml"], marks=pytest.mark.online),
    ],
)
def test_a_broken_environment_file_stops_every_azure_command(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import reference_impl.config as config
    from reference_impl.config import ConfigError

    def broken(env: str) -> None:
        raise ConfigError(f"{env}.yaml: azure.subscription_id: invalid")

    monkeypatch.setattr(config, "load_config", broken)  # the commands import it when they run
    call = run_cli(*argv)
    assert call.code == 2
    assert "azure.subscription_id: invalid" in call.err


def test_without_an_azure_sign_in_the_command_says_so_in_one_line(
    blocked: list[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The real DefaultAzureCredential on a machine with no sign-in of any kind.

    No Azure variables, no ``az``/``azd``/``pwsh`` on the path, an empty home (no token
    cache), and no managed identity endpoint (``blocked`` refuses the connection to it).
    azure-identity logs each source's reason (a warning: printed where no logging is set up);
    the command adds one sentence instead of repeating them.
    """
    import os

    from reference_impl.commands._azureml import NO_SIGN_IN
    from reference_impl.exit_codes import ExitCode

    for name in [n for n in os.environ if n.startswith(("AZURE_", "IDENTITY_", "MSI_"))]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    call = run_cli("status", "--job", "j")
    assert call.code == ExitCode.AZURE_REFUSED, call.err
    assert (call.err, call.out) == (f"error: {NO_SIGN_IN}\n", "")
    reasons = [
        r
        for r in caplog.records
        if r.name.startswith("azure.identity") and "failed to retrieve a token" in r.getMessage()
    ]
    assert [r.levelname for r in reasons] == ["WARNING"]
    assert "AzureCliCredential" in reasons[0].getMessage()
    assert set(blocked) <= {"169.254.169.254"}  # the managed identity probe, nothing else
