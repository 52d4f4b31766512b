"""``model.train_function``: training code of your own, logged as an MLflow pyfunc model.

One configuration line names the function (here :mod:`training_functions`, which bags linear
models); every later step — evaluate, review, gate, register, serve, batch-score, monitor —
runs on what it returns. Each way a function can go wrong stops with exit code 2 and nothing
registered.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from reference_impl.exit_codes import ExitCode
from tests.reference_impl.identity import MODEL
from tests.reference_impl.lifecycle.conftest import call, registry_state
from tests.reference_impl.lifecycle.test_your_data_your_model import (
    TASKS,
    batch_scored,
    bundled,
    check_online_answers,
    download_champion,
    holdout_figure,
    infer,
)

FUNCTIONS = "tests.reference_impl.lifecycle.training_functions"
BAGGED = f"{FUNCTIONS}:train_bagged"


@dataclass(frozen=True)
class Trained:
    """A bundled table trained by the function: its task, data, workdir and the output."""

    task: str
    data: Path
    workdir: Path
    out: str


@pytest.fixture(scope="module", params=["binary", "regression"])
def trained(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Trained:
    """Train the bundled table of the task with the bagging function instead of an estimator."""
    task = request.param
    name, settings, _, _ = TASKS[task]
    folder = tmp_path_factory.mktemp(f"function-{task}")
    data = bundled(name, folder)
    code, _, err = infer(data, task, folder / "contract.yaml")
    assert code == 0, err
    workdir = folder / "work"
    code, out, err = call(
        ["train", "--workdir", str(workdir), "--data", str(data), "--contract",
         str(folder / "contract.yaml"), "--set", "data.min_rows=100", *settings,
         "--set", f"model.train_function={BAGGED}", "--set", "model.params={}",
         "--set", "model.params.members=4"]
    )  # fmt: skip
    assert code == 0, err
    return Trained(task, data, workdir, out)


def test_the_function_trains_the_champion_and_the_gate_reads_its_figures(trained: Trained) -> None:
    _, _, (metric, least), _ = TASKS[trained.task]
    assert "train: train_bagged, training " in trained.out
    assert "gate: approved" in trained.out
    assert holdout_figure(trained.out, metric) > least
    assert registry_state(trained.workdir) == (["1"], {"champion": "1", "challenger": "1"})


def test_the_model_is_a_pyfunc_that_scores_like_the_loaded_model(
    trained: Trained, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mlflow.pyfunc
    from mlflow.models import Model
    from mlflow.utils import requirements_utils

    from reference_impl.modeling.packaging import find_model_dir, load_model_dir
    from reference_impl.registry import CHAMPION
    from tests.reference_impl.lifecycle.training_functions import Bagged

    download_champion(trained.workdir, tmp_path / "champion", CHAMPION)
    folder = find_model_dir(tmp_path / "champion")
    assert set(Model.load(str(folder)).flavors) == {"python_function"}
    monkeypatch.setattr(requirements_utils, "_MODULES_TO_PACKAGES", None)  # as a new process
    loaded = load_model_dir(folder)
    assert requirements_utils._MODULES_TO_PACKAGES is None  # loaded without the scan
    assert isinstance(loaded.estimator, Bagged) and len(loaded.estimator.members) == 4
    rows = pd.read_csv(trained.data).drop(columns=["row_id", "target"]).head(20)
    answered = mlflow.pyfunc.load_model(str(folder)).predict(rows)
    assert answered["score"].tolist() == pytest.approx(loaded.scores(rows).tolist())


def test_the_champion_watches_for_drift(trained: Trained, tmp_path: Path) -> None:
    whole = tmp_path / "whole.csv"
    pd.read_csv(trained.data).drop(columns=["target"]).to_csv(whole, index=False)
    code, out, err = call(["monitor", "--workdir", str(trained.workdir), "--current", str(whole)])
    assert code == ExitCode.OK, out + err


@pytest.mark.batch
def test_the_champion_batch_scores(trained: Trained, tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    pd.read_csv(trained.data).drop(columns=["target"]).head(50).to_csv(batch / "b.csv", index=False)
    frame = batch_scored(trained.workdir, batch, tmp_path / "scored.csv")
    assert set(frame.columns) == {"file", "row_id", *TASKS[trained.task][3]}
    assert len(frame) == 50


@pytest.mark.online
def test_the_champion_answers_online(
    trained: Trained, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = pd.read_csv(trained.data).drop(columns=["row_id", "target"]).head(3)
    check_online_answers(trained.workdir, trained.task, rows, tmp_path / "served", monkeypatch)


@pytest.mark.parametrize(
    "case, function, message",
    [
        ("not-importable", "tests.nothing_here:train",
         "model.train_function 'tests.nothing_here:train': module 'tests.nothing_here' does not "
         "import"),
        ("not-a-function", f"{FUNCTIONS}:NOT_A_FUNCTION",
         f"{FUNCTIONS} has no function 'NOT_A_FUNCTION'"),
        ("wrong-shape", f"{FUNCTIONS}:train_without_contract",
         f"model.train_function '{FUNCTIONS}:train_without_contract' has no parameter 'contract'"),
    ],
)  # fmt: skip
def test_a_training_function_that_cannot_be_called_stops_before_anything_runs(
    tmp_path: Path, case: str, function: str, message: str
) -> None:
    workdir = tmp_path / "work"
    settings = ["--set", f"model.train_function={function}", "--set", "model.params={}"]
    code, out, err = call(["train", "--workdir", str(workdir), *settings])
    assert code == ExitCode.USAGE, out + err
    assert message in err
    assert "Traceback" not in err
    assert not workdir.exists()  # no step ran, nothing was created or registered


def test_a_parameter_the_function_lacks_stops_before_anything_runs(tmp_path: Path) -> None:
    workdir = tmp_path / "work"  # the default model.params (max_iter, ...) are no bagging options
    code, out, err = call(["train", "--workdir", str(workdir), "--set",
                           f"model.train_function={BAGGED}"])  # fmt: skip
    assert code == ExitCode.USAGE, out + err
    assert err == (  # all four at once: a team fixes them in one edit, not four runs
        f"error: model.params: {BAGGED} has no parameters 'early_stopping', 'learning_rate', "
        "'max_iter' and 'max_leaf_nodes'; if they were the previous model's, 'params: {}' in the "
        "environment file (or --set 'model.params={}') drops them\n"
    )
    assert not workdir.exists()


@pytest.mark.parametrize(
    "case, function, message",
    [
        ("raises", "train_raising",
         "failed (ValueError: the solver did not converge)"),
        ("returns-nothing", "train_returning_nothing",
         "returned a NoneType without predict_proba, which a binary task needs"),
    ],
)  # fmt: skip
def test_a_training_function_that_fails_stops_the_train_step_with_nothing_registered(
    tmp_path: Path, case: str, function: str, message: str
) -> None:
    workdir = tmp_path / "work"
    code, out, err = call(["train", "--workdir", str(workdir), "--set",
                           f"model.train_function={FUNCTIONS}:{function}",
                           "--set", "model.params={}"])  # fmt: skip
    assert code == ExitCode.USAGE, out + err
    assert message in err
    assert "Traceback" not in err
    assert "stopped at step train; nothing was registered" in err
    from mlflow import MlflowClient

    from reference_impl.tracking import use_workdir
    from reference_impl.workdir import Workdir

    use_workdir(Workdir.at(workdir))  # the steps before train ran in it: the store exists
    assert MlflowClient().search_model_versions(f"name='{MODEL}'") == []


def test_a_train_function_that_is_not_module_colon_function_is_a_config_error(
    tmp_path: Path,
) -> None:
    code, _, err = call(["train", "--workdir", str(tmp_path / "w"), "--set",
                         "model.train_function=just_a_name"])  # fmt: skip
    assert code == ExitCode.USAGE
    assert "model.train_function" in err
    assert "Traceback" not in err
    assert not (tmp_path / "w").exists()
