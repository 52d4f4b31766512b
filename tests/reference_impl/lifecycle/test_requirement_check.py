"""Saving a model checks its pinned requirements without mapping every installed distribution."""

from __future__ import annotations

import logging
from importlib.metadata import version
from pathlib import Path

import pandas as pd
import pytest
from mlflow.utils import requirements_utils
from mlflow.utils.requirements_utils import warn_dependency_requirement_mismatches

from reference_impl.config import load_config
from reference_impl.contract import load_contract
from reference_impl.data import TRAINING_DATA
from reference_impl.modeling import packaging
from reference_impl.modeling.estimator import build_pipeline
from reference_impl.modeling.requirement_check import without_distribution_scan

CONTRACT = load_contract()


@pytest.fixture
def unmapped(monkeypatch: pytest.MonkeyPatch) -> None:
    """MLflow's module map as a new process has it: not built yet."""
    monkeypatch.setattr(requirements_utils, "_MODULES_TO_PACKAGES", None)


@pytest.mark.parametrize(
    ("estimator", "params", "extra"),
    [
        (load_config("dev").model.estimator, load_config("dev").model.params, None),
        ("lightgbm.LGBMClassifier", {"n_estimators": 5, "verbose": -1}, "lightgbm"),
        ("xgboost.XGBClassifier", {"n_estimators": 5}, "xgboost"),
    ],
    ids=["default", "lightgbm", "xgboost"],
)
def test_saving_a_model_builds_no_module_map_and_pins_the_installed_versions(
    unmapped: None, tmp_path: Path, estimator: str, params: dict, extra: str | None
) -> None:
    frame = pd.read_csv(TRAINING_DATA).head(500)
    features = frame[CONTRACT.feature_names]
    pipeline = build_pipeline(CONTRACT, estimator=estimator, params=params, seed=0)
    pipeline.fit(features, frame[CONTRACT.label])
    folder = packaging.save_model(pipeline, tmp_path / "model", CONTRACT, 0.35, features.head(3))
    assert requirements_utils._MODULES_TO_PACKAGES is None  # no scan of every distribution
    written = (folder / "requirements.txt").read_text().split()
    needed = [*packaging.BASE_REQUIREMENTS, *([extra] if extra else [])]
    assert written == [f"{name}=={version(name)}" for name in needed]


def test_a_distribution_named_otherwise_than_its_module_is_found() -> None:
    """``yaml`` comes from PyYAML: the name of the module is no guess at its distribution."""
    import yaml

    assert packaging.estimator_distribution(yaml.YAMLObject()) == "PyYAML"


def test_a_requirement_the_environment_does_not_meet_is_still_reported(unmapped: None) -> None:
    seen: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: seen.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger(requirements_utils.__name__)
    logger.addHandler(handler)
    try:
        with without_distribution_scan():
            warn_dependency_requirement_mismatches(
                ["scikit-learn==0.1", "no-such-distribution==1.0", f"pandas=={version('pandas')}"]
            )
    finally:
        logger.removeHandler(handler)
    assert len(seen) == 1
    installed = version("scikit-learn")
    assert f"scikit-learn (current: {installed}, required: scikit-learn==0.1)" in seen[0]
    assert "no-such-distribution (current: uninstalled" in seen[0]
    assert "pandas" not in seen[0]


def test_a_map_built_already_is_used_and_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    built = {"sklearn": ["scikit-learn"]}
    monkeypatch.setattr(requirements_utils, "_MODULES_TO_PACKAGES", built)
    with without_distribution_scan():
        assert requirements_utils._MODULES_TO_PACKAGES is built
    assert requirements_utils._MODULES_TO_PACKAGES is built
