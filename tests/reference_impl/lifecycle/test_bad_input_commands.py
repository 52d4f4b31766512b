"""Bad arguments to the commands (issue 13, item 9): exit 2 and one sentence, never a traceback.

``--set`` with a value that is not YAML, a non-finite float or ``true`` for a number; a model
name that would walk out of ``models/<name>`` in ``promote``, or break the endpoint names in
``deploy``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reference_impl.config import ConfigError, apply_overrides, load_config
from reference_impl.config.loader import CONFIG_DIR, load_config_file
from reference_impl.exit_codes import ExitCode
from tests.reference_impl.lifecycle.conftest import call

# name -> (override, expected fragment)
BAD_OVERRIDES: dict[str, tuple[str, str]] = {
    "yaml-open-bracket": ("model.params.max_iter=[", "not a valid YAML scalar"),
    "yaml-open-brace": ("model.params.learning_rate={a: 1", "not a valid YAML scalar"),
    "yaml-open-quote": ('gate.metric="roc_auc', "not a valid YAML scalar"),
    "yaml-tab-indent": ("training.seed=a:\n\t- b", "not a valid YAML scalar"),
    "infinity": ("monitoring.psi_threshold=.inf", "psi_threshold: Input should be a finite number"),
    "minus-infinity": ("gate.min_improvement=-.inf", "min_improvement: Input should be a finite"),
    "not-a-number": ("gate.min_roc_auc=.nan", "min_roc_auc: Input should be a finite"),
    "true-for-integer": (
        "training.holdout_percent=true",
        "holdout_percent: Value error, expected a number",
    ),
    "false-for-integer": ("training.seed=false", "seed: Value error, expected a number, got false"),
    "yes-for-integer": ("data.min_rows=yes", "min_rows: Value error, expected a number, got true"),
    "true-for-float": ("evaluation.threshold=true", "threshold: Value error, expected a number"),
}


@pytest.mark.parametrize("case", sorted(BAD_OVERRIDES))
def test_a_bad_override_is_a_usage_error(tmp_path: Path, case: str) -> None:
    item, fragment = BAD_OVERRIDES[case]
    workdir = tmp_path / "workdir"
    code, out, err = call(["train", "--workdir", str(workdir), "--set", item])
    assert code == ExitCode.USAGE, out + err
    assert fragment in err
    assert "Traceback" not in out + err
    assert len(err.strip().splitlines()) == 1
    assert not workdir.exists()  # refused before anything was created


def test_good_overrides_still_apply() -> None:
    config = apply_overrides(
        load_config("dev"),
        ["model.params.max_iter=3", "monitoring.psi_threshold=0.3", "evaluation.threshold=0.5"],
    )
    assert (config.model.params["max_iter"], config.monitoring.psi_threshold) == (3, 0.3)


def test_a_boolean_number_in_the_config_file_is_refused(tmp_path: Path) -> None:
    data = yaml.safe_load((CONFIG_DIR / "dev.yaml").read_text())
    data["training"]["holdout_percent"] = True
    path = tmp_path / "dev.yaml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(
        ConfigError, match="holdout_percent: Value error, expected a number, got true"
    ):
        load_config_file(path)


BAD_MODEL_NAMES = {
    "path-traversal": "models/../../etc/passwd",
    "dot-dot": "..",
    "slash": "a/b",
    "backslash": "a\\b",
    "space": "churn model",
    "newline": "churn\nmodel",
    "leading-dash": "-churn",
    "empty": "",
    "too-long": "m" * 300,
}


@pytest.mark.parametrize("case", sorted(BAD_MODEL_NAMES))
def test_promote_refuses_a_model_name_that_is_not_one(tmp_path: Path, case: str) -> None:
    name = BAD_MODEL_NAMES[case]
    argv = ["promote", f"--model={name}", "--version", "1", "--from", "dev", "--to", "test"]
    code, out, err = call([*argv, "--dry-run", "--out", str(tmp_path / "plan")])
    assert code == ExitCode.USAGE, out + err
    assert "is not a registered model name" in err
    assert "Traceback" not in out + err
    assert out == ""  # no plan printed
    assert len(err) < 300
    assert not (tmp_path / "plan").exists()


def test_promote_dry_run_plans_a_good_name(tmp_path: Path) -> None:
    argv = ["promote", "--model", "contoso.model_2", "--version", "1", "--from", "dev"]
    code, out, err = call([*argv, "--to", "test", "--dry-run"])
    assert code == ExitCode.OK, err
    assert "copy it to registry" in out


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("bad name!", "is not a registered model name"),
        ("models/../x", "is not a registered model name"),
        ("x" * 300, "is not a registered model name"),
        ("a-model-name-far-too-long-for-an-endpoint", "breaks Azure ML's rule"),
        ("model.with.dots", "breaks Azure ML's rule"),
    ],
)
def test_deploy_refuses_an_invalid_model_name(tmp_path: Path, name: str, fragment: str) -> None:
    argv = ["deploy", "--env", "dev", "--model", name, "--version", "1"]
    code, out, err = call([*argv, "--dry-run", "--out", str(tmp_path / "out")])
    assert code == ExitCode.USAGE, out + err
    assert fragment in err
    assert "Traceback" not in out + err
    assert not (tmp_path / "out").exists()
