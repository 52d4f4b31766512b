"""Command-line behaviour: exit codes, configuration errors, targets, and a fast --help."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from reference_impl.config import ConfigError, apply_overrides, load_config
from reference_impl.config.project import load_project
from reference_impl.data import FRESH_BATCH
from reference_impl.exit_codes import ExitCode
from tests.reference_impl.identity import MODEL
from tests.reference_impl.lifecycle.conftest import ROOT, Lifecycle, call

PROJECT = load_project()


def test_exit_codes_are_stable() -> None:
    assert {code.name: int(code) for code in ExitCode} == {
        "OK": 0, "AZURE_REFUSED": 1, "USAGE": 2, "RETRAIN_RECOMMENDED": 3, "BAD_DATA": 4,
        "NO_CHAMPION": 5, "GATE_REFUSED": 6, "BUSY": 7, "STORE_DAMAGED": 8, "INTERRUPTED": 130,
    }  # fmt: skip


@pytest.mark.parametrize(
    "command",
    [
        "train",
        pytest.param("serve", marks=pytest.mark.online),
        pytest.param("batch-score", marks=pytest.mark.batch),
    ],
)
def test_local_commands_work_in_dot_mlops_by_default(command: str) -> None:
    from reference_impl.cli import build_parser

    extra = ["--input", "in", "--output", "out.csv"] if command == "batch-score" else []
    args = build_parser().parse_args([command, *extra])
    assert args.workdir == Path(".mlops")


@pytest.mark.parametrize(
    "override, message",
    [
        ("training.seed=-1", "training.seed: Input should be greater than or equal to 0"),
        ("training.sed=5", "unknown key 'training.sed'"),
        ("trainin.seed=5", "unknown section 'trainin'"),
        ("training.seed", "expected SECTION.KEY=VALUE"),
        ("=5", "expected SECTION.KEY=VALUE"),
        ("model.estimator=xgboost", "model.estimator: expected the import path of a class"),
        ("training.seed.deep=1", "unknown section 'seed'"),
        ("model.params.max_iter=0", "model.params: HistGradientBoostingClassifier refused them"),
        ("model.params.max_leafs=3", "model.params.max_leafs: HistGradientBoostingClassifier has"),
        ("model.params.max_iter={a: b}", "model.params: HistGradientBoostingClassifier refused"),
        ("model.estimator=sklearn.nothing.Here", "module 'sklearn.nothing' does not import"),
        ("model.estimator=sklearn.linear_model.Nothing", "has no class 'Nothing'"),
        ("model.estimator=sklearn.preprocessing.StandardScaler", "it has no predict_proba"),
        ("data.contract=missing.yaml", "missing.yaml: file not found"),
    ],
)
def test_bad_override_is_a_usage_error(tmp_path: Path, override: str, message: str) -> None:
    code, _, err = call(["train", "--workdir", str(tmp_path), "--set", override])
    assert code == 2
    assert message in err
    assert not (tmp_path / "mlflow.db").exists()


def test_overrides_are_typed_and_validated() -> None:
    config = apply_overrides(
        load_config("dev"),
        ["model.params.max_iter=3", "gate.min_improvement=0.01", "registry.model_name=x-y-z"],
    )
    assert (config.model.params["max_iter"], config.gate.min_improvement) == (3, 0.01)
    assert apply_overrides(config, ["model.params.l2_regularization=0.5"]).model.params == {
        **config.model.params,
        "l2_regularization": 0.5,
    }  # a new hyperparameter is one --set (or one line of YAML)
    assert apply_overrides(config, ["model.params={}"]).model.params == {}
    assert config.registry.model_name == "x-y-z"
    assert apply_overrides(config, []) is config
    with pytest.raises(ConfigError, match="model_name: expected a model name: 3 to 63 lowercase"):
        apply_overrides(config, ["registry.model_name=Bad Name"])


def test_omitted_ml_sections_take_defaults(tmp_path: Path) -> None:
    from reference_impl.config import load_config_file

    raw = yaml.safe_load((ROOT / "reference_impl" / "config" / "dev.yaml").read_text())
    minimal = tmp_path / "dev.yaml"
    minimal.write_text(yaml.safe_dump({key: raw[key] for key in ("name", "azure", "compute")}))
    config = load_config_file(minimal)
    assert config.model.estimator == "sklearn.ensemble.HistGradientBoostingClassifier"
    assert (config.model.params, config.data.contract) == ({}, "contract.yaml")
    assert config.gate.metric == "roc_auc"


def test_help_is_fast_and_imports_no_heavy_library() -> None:
    code = (
        "import sys; from reference_impl.cli import build_parser; build_parser(); "
        "print(sorted(m for m in ('mlflow', 'sklearn', 'pandas', 'pandera', 'matplotlib', "
        "'numpy', 'pydantic', 'yaml', 'azure.ai.ml') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


@pytest.fixture(scope="module")
def unpromoted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workdir whose only model failed the gate: registered, but no champion."""
    workdir = tmp_path_factory.mktemp("unpromoted")
    code, out, err = call(["train", "--workdir", str(workdir), "--set", "gate.min_roc_auc=0.99"])
    assert code == 0, err
    assert "FAIL  roc_auc floor: ROC AUC 0.8210 vs floor 0.9900" in out
    assert f"registered: {MODEL} version 1 (challenger); no champion yet" in out
    assert f"register: {MODEL} version 1 (challenger); no champion yet" in out  # the step's line
    return workdir


def test_floor_failure_on_the_first_run_leaves_no_champion(unpromoted: Path) -> None:
    from tests.reference_impl.lifecycle.conftest import registry_state

    assert registry_state(unpromoted) == (["1"], {"challenger": "1"})


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["serve", "--port", "1"], marks=pytest.mark.online, id="serve"),
        pytest.param(
            [
                "batch-score",
                "--input",
                str(ROOT / "reference_impl" / "data" / "batch"),
                "--output",
                "x.csv",
            ],
            marks=pytest.mark.batch,
            id="batch-score",
        ),
        pytest.param(["monitor", "--current", str(FRESH_BATCH)], id="monitor"),
    ],
)
def test_commands_need_a_champion(unpromoted: Path, argv: list[str]) -> None:
    code, _, err = call([*argv, "--workdir", str(unpromoted)])
    assert code == 5
    assert err == (  # trained, but rejected: "run train first" would send the team in a circle
        f"error: model {MODEL!r} has no 'champion' version: the gate approved none of its 1 "
        "registered version(s) (the newest is 1); train's summary lists the checks that failed:"
        " fix them and run train again\n"
    )


@pytest.mark.parametrize(
    "command",
    [
        pytest.param("serve", marks=pytest.mark.online),
        pytest.param("batch-score", marks=pytest.mark.batch),
        "monitor",
    ],
)
def test_invalid_environment_file_is_a_usage_error(
    command: str, lifecycle: Lifecycle, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import reference_impl.config as config

    def broken(env: str):
        raise ConfigError(f"{env}.yaml: broken on purpose")

    monkeypatch.setattr(config, "load_config", broken)  # the commands import it when they run
    extra = {
        "serve": [],
        "batch-score": ["--input", str(tmp_path), "--output", str(tmp_path / "o.csv")],
        "monitor": ["--current", str(tmp_path / "c.csv")],
    }[command]
    code, _, err = call([command, "--workdir", str(lifecycle.workdir), *extra])
    assert code == 2
    assert "broken on purpose" in err
