"""The environment configuration loader."""

from pathlib import Path

import pytest

import reference_impl
from reference_impl.cli import main as cli
from reference_impl.config import ENVIRONMENTS, ConfigError, load_config, load_config_file

GOOD = (Path(reference_impl.__file__).parent / "config" / "dev.yaml").read_text()


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_shipped_files_load(env):
    config = load_config(env)
    assert config.name == env
    assert config.compute.min_instances == 0


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_the_projects_own_files_can_train(env):
    """The package's own configuration, even where the tests read a sample instead."""
    from reference_impl.commands._training_check import training_problem
    from reference_impl.config.environments import PACKAGE_CONFIG_DIR
    from reference_impl.contract import contract_path

    config = load_config(env, PACKAGE_CONFIG_DIR)
    contract = contract_path(config.data.contract, PACKAGE_CONFIG_DIR)
    data = config.data.model_copy(update={"contract": str(contract)})
    assert training_problem(config.model_copy(update={"data": data})) is None


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_the_training_key_each_file_shows_in_a_comment_is_read_once_uncommented(env, tmp_path):
    """A team points ``train`` at its table by uncommenting one line of the file it edits."""
    from reference_impl.config.environments import CONFIG_DIR

    text = (CONFIG_DIR / f"{env}.yaml").read_text(encoding="utf-8")
    assert "\n  # training: <your table>   # " in text
    table = tmp_path / "claims.csv"
    edited = text.replace("  # training: <your table>", f"  training: {table}", 1)
    assert load_config_file(write(tmp_path, edited, f"{env}.yaml")).data.training == str(table)


def write(tmp_path: Path, text: str, name: str = "dev.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_unknown_environment_is_rejected():
    with pytest.raises(ConfigError, match="unknown environment 'qa'"):
        load_config("qa")


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_config("dev", config_dir=tmp_path)


def test_not_yaml(tmp_path):
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config_file(write(tmp_path, "name: [dev\n"))


def test_not_a_mapping(tmp_path):
    with pytest.raises(ConfigError, match="expected a mapping"):
        load_config_file(write(tmp_path, "- dev\n"))


def test_unknown_key_is_an_error_not_a_silent_default(tmp_path):
    with pytest.raises(ConfigError, match=r"compute\.max_instance: Extra inputs are not permitted"):
        load_config_file(write(tmp_path, GOOD.replace("max_instances", "max_instance")))


def test_name_must_match_file(tmp_path):
    write(tmp_path, GOOD.replace("name: dev", "name: prod"))
    with pytest.raises(ConfigError, match="name is 'prod', expected 'dev'"):
        load_config("dev", config_dir=tmp_path)


def test_cli_reports_bad_config_with_exit_2(tmp_path, capsys):
    write(tmp_path, "name: dev\n")
    assert cli(["config", "--env", "dev", "--config-dir", str(tmp_path)]) == 2
    assert "azure: Field required" in capsys.readouterr().err


def test_config_shows_what_a_set_would_run_with_and_refuses_a_bad_one(capsys):
    """``config`` took no ``--set``: previewing an override ended in "unrecognized arguments"."""
    import json

    assert cli(["config", "--set", "training.seed=7", "--set", "gate.min_roc_auc=0.8"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["training"]["seed"], shown["gate"]["min_roc_auc"]) == (7, 0.8)
    assert cli(["config", "--env", "prod", "--set", "training.sed=7"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "unknown key 'training.sed'" in captured.err


@pytest.mark.parametrize(
    ("listed", "reason"),
    [
        ("[]", "data.datastores: list at least one datastore"),
        ("[lake-01]", "data.datastores.0: expected a datastore name: 1 to 255 letters"),
    ],
    ids=["none", "not-a-datastore-name"],
)
def test_the_datastores_a_uri_may_name_are_checked_one_sentence_each(listed, reason, capsys):
    assert cli(["config", "--set", f"data.datastores={listed}"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and reason in captured.err
    assert captured.err.count(";") == 0  # one problem, not a second about the list's length
