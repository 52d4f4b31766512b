"""``train --target azureml`` refuses an estimator or training code the job could not import.

A job installs its environment's pins (and what they require) and unpacks the package; a team's
library installed only here made the job fail on Azure ML, after the image was built.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import reference_impl
from reference_impl.commands._training_check import training_problem
from reference_impl.config import apply_overrides, load_config
from tests.reference_impl.azureml.conftest import run_cli

TEAM = "teamforest"
"""A team's own library: ``teamforest.Forest``, a subclass of scikit-learn's classifier."""
PACKAGE = reference_impl.__name__
FUNCTIONS = {
    "imports_team": f"import {TEAM}\n\n\ndef train(features, labels, *, contract, seed):\n"
    f"    return {TEAM}.Forest(random_state=seed).fit(features, labels)\n",
    # scipy comes with scikit-learn (a requirement of a pin), json with Python
    "imports_pinned": "import json\n\nimport numpy as np\nfrom scipy import special\n"
    "from sklearn.ensemble import HistGradientBoostingClassifier\n\n\n"
    "def train(features, labels, *, contract, seed):\n"
    "    return HistGradientBoostingClassifier(random_state=seed).fit(features, labels)\n",
    # the library two modules deep: a helper module of the package imports it
    "team_helpers": f"import {TEAM}\n\n\ndef forest(seed):\n"
    f"    return {TEAM}.Forest(random_state=seed)\n",
    "imports_helper": "from . import team_helpers\n\n\n"
    "def train(features, labels, *, contract, seed):\n"
    "    return team_helpers.forest(seed).fit(features, labels)\n",
    # an estimator class of the package, built on the library
    "team_estimator": f"from {TEAM} import Forest\n\n\nclass TeamForest(Forest):\n    pass\n",
    # imports a job does without: for the type checker only, and one it may lack
    "optional_team": "from typing import TYPE_CHECKING\n\n"
    "from sklearn.ensemble import HistGradientBoostingClassifier\n\n"
    f"if TYPE_CHECKING:\n    import {TEAM}\n"
    f"try:\n    from {TEAM} import Forest\nexcept ImportError:\n"
    "    Forest = HistGradientBoostingClassifier\n\n\n"
    "def train(features, labels, *, contract, seed):\n"
    "    return Forest(random_state=seed).fit(features, labels)\n\n\n"
    "def never_called():\n    from .... import beyond_the_top  # fails wherever it runs\n",
}


@pytest.fixture
def team_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """``teamforest`` on ``sys.path``, and two training functions inside the package."""
    site = tmp_path / "site"
    (site / TEAM).mkdir(parents=True)
    (site / TEAM / "__init__.py").write_text(
        "from sklearn.ensemble import HistGradientBoostingClassifier\n\n\n"
        "class Forest(HistGradientBoostingClassifier):\n"
        "    pass\n"
    )
    monkeypatch.syspath_prepend(str(site))
    part = tmp_path / "package_part"  # more of the package, as a team's own module would be
    part.mkdir()
    for name, text in FUNCTIONS.items():
        (part / f"{name}.py").write_text(text)
    paths = [*reference_impl.__path__, str(part)]
    monkeypatch.setattr(reference_impl, "__path__", paths)
    yield site
    for name in (TEAM, *(f"{PACKAGE}.{module}" for module in FUNCTIONS)):
        sys.modules.pop(name, None)


def install(site: Path) -> None:
    """Make ``teamforest`` an installed distribution, as pip leaves one: metadata and files."""
    info = site / f"{TEAM}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {TEAM}\nVersion: 1.0\n")
    (info / "RECORD").write_text(f"{TEAM}/__init__.py,,\n")


ESTIMATOR = ["model.estimator=teamforest.Forest"]
FUNCTION = [f"model.train_function={PACKAGE}.imports_team:train", "model.params={}"]
NOT_PINNED = (
    "an Azure ML job installs only its environment's pins and what they require, and teamforest "
    "(which provides teamforest) is not among them; add 'teamforest' to OPTIONAL_ESTIMATORS in "
    "reference_impl/azureml/environment.py, which pins the version installed here"
)
HELPER = [f"model.train_function={PACKAGE}.imports_helper:train", "model.params={}"]
OWN_ESTIMATOR = [f"model.estimator={PACKAGE}.team_estimator.TeamForest"]
NOT_INSTALLED = (
    "an Azure ML job imports teamforest from its environment or its code snapshot, and it is in "
    "neither (no installed package provides it); move it into the reference_impl package"
)


@pytest.mark.parametrize(
    "settings, installed, message",
    [
        pytest.param(ESTIMATOR, True, f"model.estimator teamforest.Forest: {NOT_PINNED}",
                     id="estimator-installed-not-pinned"),
        pytest.param(ESTIMATOR, False, f"model.estimator teamforest.Forest: {NOT_INSTALLED}",
                     id="estimator-not-installed"),
        pytest.param(FUNCTION, True,
                     f"model.train_function reference_impl.imports_team:train: {NOT_PINNED}",
                     id="function-imports-installed-not-pinned"),
        pytest.param(HELPER, True, "model.train_function reference_impl.imports_helper:train: "
                     + NOT_PINNED.replace("teamforest)", "teamforest, imported by "
                                          "reference_impl.team_helpers)"),
                     id="function-helper-module-imports-installed-not-pinned"),
        pytest.param(OWN_ESTIMATOR, False,
                     "model.estimator reference_impl.team_estimator.TeamForest: "
                     + NOT_INSTALLED.replace("teamforest from", "teamforest (for "
                                             "reference_impl.team_estimator) from"),
                     id="package-estimator-imports-not-installed"),
    ],
)  # fmt: skip
def test_a_library_the_job_environment_lacks_is_a_usage_error(
    team_library: Path, tmp_path: Path, settings: list[str], installed: bool, message: str
) -> None:
    if installed:
        install(team_library)
    assert training_problem(apply_overrides(load_config("dev"), settings)) is None  # trains here
    overrides = [item for setting in settings for item in ("--set", setting)]
    out = tmp_path / "out"
    call = run_cli("train", "--target", "azureml", *overrides, "--dry-run", "--out", str(out))
    assert call.code == 2, call.err
    assert call.err == f"error: {message}\n"
    assert not out.exists()


@pytest.mark.parametrize(
    "settings",
    [
        ["model.estimator=lightgbm.LGBMClassifier", "model.params={}"],
        ["model.estimator=xgboost.XGBClassifier", "model.params={}"],
        [f"model.train_function={PACKAGE}.imports_pinned:train", "model.params={}"],
        [f"model.train_function={PACKAGE}.optional_team:train", "model.params={}"],
    ],
    ids=[
        "lightgbm",
        "xgboost",
        "function-importing-pins-and-their-requirements",
        "function-importing-the-library-for-type-checks-or-if-present",
    ],
)
def test_a_library_the_job_installs_passes_the_check(
    team_library: Path, tmp_path: Path, settings: list[str]
) -> None:
    overrides = [item for setting in settings for item in ("--set", setting)]
    out = tmp_path / "out"
    call = run_cli("train", "--target", "azureml", *overrides, "--dry-run", "--out", str(out))
    assert call.code == 0, call.err
    assert out.is_dir()
